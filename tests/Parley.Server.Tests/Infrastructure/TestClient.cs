using System.Text;
using System.Text.Json;
using Parley.Protocol;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// What every test client does, over a pipe pair or a socket: send raw bytes or a request, read the next
/// payload (always with a timeout), log in, and observe the connection closing.
/// </summary>
public abstract class TestClient : IAsyncDisposable
{
    protected TestClient(PayloadReader reader) => Reader = reader;

    public PayloadReader Reader { get; }

    public Task SendRawAsync(string text) => SendRawAsync(Encoding.UTF8.GetBytes(text));

    public abstract Task SendRawAsync(ReadOnlyMemory<byte> bytes);

    /// <summary>Sends a request the way Parley's own client does: both keys, lowercase, one line.</summary>
    public Task SendAsync(string request, string? content = null) => SendRawAsync(PayloadWriter.ToLine(new ChatRequest(request, content)));

    /// <summary>The next payload; fails when the connection closed first or nothing came in time.</summary>
    public async Task<JsonElement> ReadPayloadAsync(TimeSpan? timeout = null)
        => await Reader.ReadAsync(timeout ?? TestTimeouts.Payload)
            ?? throw new Xunit.Sdk.XunitException("The server closed the connection instead of sending a payload.");

    /// <summary>Sends a request and returns the reply (for requests answered by exactly one payload).</summary>
    public async Task<JsonElement> RequestAsync(string request, string? content = null)
    {
        await SendAsync(request, content);
        return await ReadPayloadAsync();
    }

    /// <summary>Logs in, checks the reply is the info then the history, and returns the history payload.</summary>
    public async Task<JsonElement> LoginAsync(string name)
    {
        await SendAsync("login", name);
        var info = await ReadPayloadAsync();
        Assert.Equal("Login successful", Payloads.Info(info));
        var history = await ReadPayloadAsync();
        Assert.Equal(ResponseKinds.History, Payloads.Kind(history));
        return history;
    }

    /// <summary>Reads until the server closes the connection; returns what came before. Fails after the timeout.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReadUntilClosedAsync(TimeSpan? timeout = null)
    {
        var payloads = new List<JsonElement>();
        using var cts = new CancellationTokenSource(timeout ?? TestTimeouts.Payload);
        while (true)
        {
            JsonElement? next;
            try
            {
                next = await Reader.ReadAsync(timeout ?? TestTimeouts.Payload).WaitAsync(cts.Token);
            }
            catch (IOException)
            {
                return payloads; // reset by the server: closed as well
            }

            if (next is not { } payload)
            {
                return payloads;
            }

            payloads.Add(payload);
        }
    }

    public abstract ValueTask DisposeAsync();
}
