using System.Net;
using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

[Collection("EndToEnd")]
public class ConnectionLimitTests
{
    private static readonly IPAddress s_otherLoopback = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task The_17th_connection_from_one_address_is_refused_with_a_reason_while_another_address_connects()
    {
        await using var server = await SocketServer.StartAsync("--max-connections-per-address", "16");
        var clients = new List<TcpTestClient>();
        try
        {
            // Each answers help, so all sixteen hold their slot before the seventeenth comes.
            for (var i = 0; i < 16; i++)
            {
                var client = await server.ConnectAsync();
                clients.Add(client);
                Assert.NotEmpty(Payloads.Info(await client.RequestAsync("help")));
            }

            var refused = await server.ConnectAsync();
            clients.Add(refused);
            var reply = Assert.Single(await refused.ReadUntilClosedAsync());
            Assert.Contains("Too many connections from your address (16 open)", Payloads.Error(reply, ErrorCodes.TooManyConnections));
            Assert.Equal(1, server.Counters.RefusedConnections);

            var other = await TcpTestClient.ConnectAsync(server.EndPoint, localAddress: s_otherLoopback);
            clients.Add(other);
            await other.LoginAsync("elsewhere");

            // The sixteen are unaffected.
            await clients[0].LoginAsync("first");
            Payloads.Message(await clients[0].RequestAsync("msg", "hi"), "first", "hi");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Connections_over_the_total_are_refused_from_any_address()
    {
        await using var server = await SocketServer.StartAsync("--max-connections", "3");
        var clients = new List<TcpTestClient>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var client = await server.ConnectAsync();
                clients.Add(client);
                await client.LoginAsync($"user{i}");
            }

            var refused = await TcpTestClient.ConnectAsync(server.EndPoint, localAddress: s_otherLoopback);
            clients.Add(refused);
            var reply = Assert.Single(await refused.ReadUntilClosedAsync());
            Assert.Contains("The server is full (3 connections)", Payloads.Error(reply, ErrorCodes.TooManyConnections));
            Assert.Equal(1, server.Counters.RefusedConnections);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
