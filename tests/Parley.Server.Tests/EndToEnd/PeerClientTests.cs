using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

[Collection("EndToEnd")]
public class PeerClientTests
{
    [Fact]
    public async Task A_peer_that_reads_one_payload_per_recv_gets_exactly_one_payload_per_read()
    {
        await using var server = await SocketServer.StartAsync();
        await using var talker = await server.LoginAsync("talker");
        for (var i = 0; i < 3; i++)
        {
            await talker.RequestAsync("msg", $"earlier {i}");
        }

        await using var peer = await PeerClient.ConnectAsync(server.EndPoint);
        await peer.SendPythonAsync("login", "peer");

        Assert.Equal("Login successful", Payloads.Info(await peer.ReceiveOneAsync()));
        var history = await peer.ReceiveOneAsync();
        Assert.Equal(ResponseKinds.History, Payloads.Kind(history));
        Assert.Equal(["earlier 0", "earlier 1", "earlier 2"], PeerClient.DecodeHistory(history).Select(Payloads.Text));

        // Messages with gaps between them: the next is sent once the peer has read the previous one.
        for (var i = 0; i < 10; i++)
        {
            await talker.RequestAsync("msg", $"live {i}");
            Payloads.Message(await peer.ReceiveOneAsync(), "talker", $"live {i}");
        }

        await peer.SendGoAsync("msg", "from go");
        Payloads.Message(await peer.ReceiveOneAsync(), "peer", "from go");
        Payloads.Message(await talker.ReadPayloadAsync(), "peer", "from go");
    }

    [Theory]
    [InlineData("{\"request\": \"names\", \"content\": \"\"}")]
    [InlineData("{\"request\": \"names\", \"content\": \"None\"}")]
    [InlineData("{\"request\": \"names\"}")]
    [InlineData("{\"content\": null, \"request\": \"names\"}")]
    [InlineData("{\"Request\":\"names\",\"Content\":\"\"}")]
    [InlineData("{\"request\": \"names\", \"content\": null}\n")]
    public async Task Peer_requests_without_argument_are_answered_whatever_their_content(string request)
    {
        await using var server = await SocketServer.StartAsync();
        await using var peer = await PeerClient.ConnectAsync(server.EndPoint);
        await peer.SendGoAsync("login", "peer");
        Payloads.Info(await peer.ReceiveOneAsync());
        Payloads.HistoryItems(await peer.ReceiveOneAsync());

        await peer.SendAsync(request);

        Assert.EndsWith(": peer", Payloads.Info(await peer.ReceiveOneAsync()));
    }

    [Theory]
    [InlineData("{\"request\": \"help\", \"content\": \"\"}")]
    [InlineData("{\"request\": \"help\", \"content\": \"None\"}")]
    [InlineData("{\"request\": \"help\"}")]
    [InlineData("{\"Request\":\"help\",\"Content\":null}")]
    public async Task Peer_help_requests_are_answered_before_login(string request)
    {
        await using var server = await SocketServer.StartAsync();
        await using var peer = await PeerClient.ConnectAsync(server.EndPoint);

        await peer.SendAsync(request);

        Assert.Contains("login", Payloads.Info(await peer.ReceiveOneAsync()));
    }

    [Fact]
    public async Task A_peer_logout_with_empty_content_gets_goodbye()
    {
        await using var server = await SocketServer.StartAsync();
        await using var peer = await PeerClient.ConnectAsync(server.EndPoint);
        await peer.SendPythonAsync("login", "peer");
        Payloads.Info(await peer.ReceiveOneAsync());
        await peer.ReceiveOneAsync();

        await peer.SendPythonAsync("logout", string.Empty);

        Assert.Contains("peer", Payloads.Info(await peer.ReceiveOneAsync()));
    }
}
