using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>
/// <c>/ws</c>: the same protocol, handler and rules over WebSocket, one payload per text message each way,
/// origins checked. A real Kestrel HTTP port, a real <see cref="ClientWebSocket"/>.
/// </summary>
[Collection("EndToEnd")]
public class WebSocketTests
{
    [Fact]
    public async Task A_browser_user_and_a_tcp_user_chat_both_ways()
    {
        await using var server = await SocketServer.StartAsync(SocketServer.AnyHttpPort);
        using var web = await ConnectAsync(server);
        await using var tcp = await server.LoginAsync("tcpuser");

        await LoginAsync(web, "webuser");

        await SendAsync(web, new ChatRequest("msg", "hello from the browser"));
        Payloads.Message(await ReceiveAsync(web), "webuser", "hello from the browser");
        Payloads.Message(await tcp.ReadPayloadAsync(), "webuser", "hello from the browser");

        await tcp.SendAsync("msg", "hello from the terminal");
        Payloads.Message(await tcp.ReadPayloadAsync(), "tcpuser", "hello from the terminal");
        Payloads.Message(await ReceiveAsync(web), "tcpuser", "hello from the terminal");
    }

    [Fact]
    public async Task A_burst_reaches_the_browser_one_payload_per_message_in_order()
    {
        // 200 messages in one TCP write: the browser has a backlog, and the writer batches it; each WebSocket
        // message must still hold exactly one payload.
        await using var server = await SocketServer.StartAsync(SocketServer.AnyHttpPort);
        using var web = await ConnectAsync(server);
        await LoginAsync(web, "webuser");
        await using var tcp = await server.LoginAsync("tcpuser");

        var burst = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            burst.Append(Encoding.UTF8.GetString(PayloadWriter.ToLine(new ChatRequest("msg", $"m{i}"))));
        }

        await tcp.SendRawAsync(burst.ToString());
        for (var i = 0; i < 200; i++)
        {
            Payloads.Message(await ReceiveAsync(web), "tcpuser", $"m{i}");
        }
    }

    [Fact]
    public async Task Bad_json_in_a_message_gets_bad_json_and_the_connection_stays_usable()
    {
        await using var server = await SocketServer.StartAsync(SocketServer.AnyHttpPort);
        using var web = await ConnectAsync(server);

        await web.SendAsync("{\"request\": \"login\", "u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        Payloads.Error(await ReceiveAsync(web), ErrorCodes.BadJson);

        await LoginAsync(web, "webuser");
    }

    [Fact]
    public async Task Closing_the_websocket_logs_the_user_out()
    {
        await using var server = await SocketServer.StartAsync(SocketServer.AnyHttpPort);
        await using var tcp = await server.LoginAsync("tcpuser");
        using (var web = await ConnectAsync(server))
        {
            await LoginAsync(web, "webuser");
            Assert.Contains("webuser", Payloads.Info(await tcp.RequestAsync("names")), StringComparison.Ordinal);
            await web.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }

        // The close raises no event the TCP user sees: wait for the server's table to lose the session.
        await Eventually.HoldsAsync(() => server.Chat.ConnectionCount == 1, TestTimeouts.Payload, () => $"{server.Chat.ConnectionCount} connections");
        Assert.DoesNotContain("webuser", Payloads.Info(await tcp.RequestAsync("names")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example", null, false)]
    [InlineData("https://chat.example.org", "https://chat.example.org", true)]
    [InlineData("https://other.example", "https://chat.example.org,https://other.example/", true)]
    [InlineData("https://evil.example", "*", true)]
    public async Task Pages_from_other_origins_are_refused_unless_allowed(string origin, string? allowed, bool accepted)
    {
        string[] flags = allowed is null ? SocketServer.AnyHttpPort : [.. SocketServer.AnyHttpPort, "--allowed-origins", allowed];
        await using var server = await SocketServer.StartAsync(flags);
        using var web = new ClientWebSocket();
        web.Options.SetRequestHeader("Origin", origin);

        var connect = web.ConnectAsync(WsUri(server), CancellationToken.None);
        if (accepted)
        {
            await connect.WaitAsync(TestTimeouts.Payload);
            await SendAsync(web, new ChatRequest("help", null));
            Payloads.Info(await ReceiveAsync(web));
        }
        else
        {
            await Assert.ThrowsAsync<WebSocketException>(() => connect.WaitAsync(TestTimeouts.Payload));
        }
    }

    [Fact]
    public async Task The_servers_own_pages_may_connect()
    {
        await using var server = await SocketServer.StartAsync(SocketServer.AnyHttpPort);
        using var web = new ClientWebSocket();
        var port = ((IPEndPoint)server.HttpEndPoint).Port;
        web.Options.SetRequestHeader("Origin", $"http://127.0.0.1:{port}");

        await web.ConnectAsync(WsUri(server), CancellationToken.None).WaitAsync(TestTimeouts.Payload);
        await SendAsync(web, new ChatRequest("help", null));
        Payloads.Info(await ReceiveAsync(web));
    }

    [Fact]
    public async Task A_plain_http_request_to_the_endpoint_is_told_to_upgrade()
    {
        await using var server = await SocketServer.StartAsync(SocketServer.AnyHttpPort);
        using var http = new HttpClient();
        var port = ((IPEndPoint)server.HttpEndPoint).Port;

        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/ws"));

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
    }

    private static Uri WsUri(SocketServer server) => new($"ws://127.0.0.1:{((IPEndPoint)server.HttpEndPoint).Port}/ws");

    private static async Task<ClientWebSocket> ConnectAsync(SocketServer server)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(WsUri(server), CancellationToken.None).WaitAsync(TestTimeouts.Payload);
        return socket;
    }

    private static async Task LoginAsync(ClientWebSocket socket, string name)
    {
        await SendAsync(socket, new ChatRequest("login", name));
        Payloads.Info(await ReceiveAsync(socket));
        Assert.Equal("history", Payloads.Kind(await ReceiveAsync(socket)));
    }

    private static Task SendAsync(ClientWebSocket socket, ChatRequest request)
    {
        var line = PayloadWriter.ToLine(request);
        return socket.SendAsync(line.AsMemory(0, line.Length - 1), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).AsTask();
    }

    /// <summary>One whole text message, which must be exactly one JSON object.</summary>
    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Payload);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        using var document = JsonDocument.Parse(message.ToArray());
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.Clone();
    }
}
