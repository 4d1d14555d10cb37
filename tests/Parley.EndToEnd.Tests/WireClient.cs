using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Parley.Protocol;

namespace Parley.EndToEnd.Tests;

/// <summary>A bare KTN client over a real socket: sends raw bytes, reads payloads with the tolerant frame reader.</summary>
internal sealed class WireClient : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    private readonly TcpClient _tcp;
    private readonly PipeReader _input;

    private WireClient(TcpClient tcp)
    {
        _tcp = tcp;
        _input = PipeReader.Create(tcp.GetStream());
    }

    /// <summary>Connects to the server on loopback, from <paramref name="from"/> (any 127.x.y.z address: Linux routes all of 127/8 to loopback).</summary>
    public static async Task<WireClient> ConnectAsync(int port, string from = "127.0.0.1")
    {
        var tcp = new TcpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(from), 0)) { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", port).WaitAsync(s_timeout);
        return new WireClient(tcp);
    }

    /// <summary>Sends a request and returns the next payload that is not a chat message or a notice about others.</summary>
    public async Task<JsonElement> RequestAsync(string request, string? content, string kind)
    {
        await SendAsync(request, content);
        return await ReadUntilAsync(kind);
    }

    public Task SendAsync(string request, string? content)
        => SendRawAsync(PayloadWriter.ToLine(new ChatRequest(request, content)));

    public async Task SendRawAsync(byte[] bytes) => await _tcp.GetStream().WriteAsync(bytes).AsTask().WaitAsync(s_timeout);

    /// <summary>The next payload, or null when the server closed the connection.</summary>
    public async Task<JsonElement?> ReadAsync()
    {
        using var cts = new CancellationTokenSource(s_timeout);
        while (true)
        {
            var result = await _input.ReadAsync(cts.Token);
            var buffer = result.Buffer;
            if (JsonFrameReader.TryReadFrame(ref buffer, int.MaxValue, result.IsCompleted, out var frame))
            {
                if (frame.Kind != JsonFrameKind.Value)
                {
                    // Only a connection cut mid-payload (the server was killed) leaves a partial value.
                    _input.AdvanceTo(buffer.End);
                    return null;
                }

                var element = JsonDocument.Parse(frame.Payload.ToArray()).RootElement.Clone();
                _input.AdvanceTo(buffer.Start);
                return element;
            }

            _input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    /// <summary>Reads until a payload with this <c>response</c> kind arrives.</summary>
    public async Task<JsonElement> ReadUntilAsync(string kind)
    {
        while (await ReadAsync() is { } payload)
        {
            if (payload.GetProperty("response").GetString() == kind)
            {
                return payload;
            }
        }

        throw new InvalidOperationException($"The connection closed before a '{kind}' payload.");
    }

    public async Task LoginAsync(string name)
    {
        await SendAsync("login", name);
        Assert.Equal("Login successful", (await ReadUntilAsync(ResponseKinds.Info)).GetProperty("content").GetString());
        await ReadUntilAsync(ResponseKinds.History);
    }

    public static string Text(JsonElement payload) => payload.GetProperty("content").ValueKind == JsonValueKind.String
        ? payload.GetProperty("content").GetString()!
        : payload.GetProperty("content").GetRawText();

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
