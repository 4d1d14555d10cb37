using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A client with the habits of the peer clients in PROTOCOL.md ("What real peers do"): it writes requests the
/// way Python's json.dumps or a Go client does, and it reads with one <c>recv(4096)</c> followed by one
/// <c>json.loads</c>, so a read holding two payloads, or half of one, is a crash for it.
/// </summary>
public sealed class PeerClient : IAsyncDisposable
{
    private const int RecvSize = 4096;

    private readonly Socket _socket;

    private PeerClient(Socket socket) => _socket = socket;

    public static async Task<PeerClient> ConnectAsync(EndPoint endPoint)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint).WaitAsync(TestTimeouts.Payload);
        return new PeerClient(socket);
    }

    /// <summary>Sends text as it is (the peer builds its JSON by hand or with its own library).</summary>
    public async Task SendAsync(string json)
        => await _socket.SendAsync(Encoding.UTF8.GetBytes(json)).WaitAsync(TestTimeouts.Payload);

    /// <summary>A Python client: <c>json.dumps({"request": ..., "content": ...})</c>.</summary>
    public Task SendPythonAsync(string request, string content)
        => SendAsync($"{{\"request\": \"{request}\", \"content\": {JsonSerializer.Serialize(content)}}}");

    /// <summary>The Go client: capitalised keys.</summary>
    public Task SendGoAsync(string request, string content)
        => SendAsync($"{{\"Request\":\"{request}\",\"Content\":{JsonSerializer.Serialize(content)}}}");

    /// <summary>
    /// One <c>recv(4096)</c> and one <c>json.loads</c>: fails, as the peer would crash, unless the read holds
    /// exactly one complete JSON value (surrounding whitespace allowed).
    /// </summary>
    public async Task<JsonElement> ReceiveOneAsync()
    {
        var buffer = new byte[RecvSize];
        var count = await _socket.ReceiveAsync(buffer).WaitAsync(TestTimeouts.Payload);
        Assert.True(count > 0, "The server closed the connection.");
        var text = Encoding.ASCII.GetString(buffer, 0, count);
        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, count));
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"One recv(4096) did not hold exactly one payload ({ex.Message}):\n{text}");
        }
    }

    /// <summary>History as most peers read it: a list of strings, each decoded again with json.loads.</summary>
    public static IReadOnlyList<JsonElement> DecodeHistory(JsonElement history)
        => [.. history.GetProperty("content").EnumerateArray().Select(item =>
        {
            Assert.Equal(JsonValueKind.String, item.ValueKind);
            return JsonDocument.Parse(item.GetString()!).RootElement.Clone();
        })];

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
