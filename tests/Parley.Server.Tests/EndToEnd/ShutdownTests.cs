using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

[Collection("EndToEnd")]
public class ShutdownTests
{
    [Fact]
    public async Task Stopping_the_server_tells_every_client_it_is_shutting_down_then_closes_the_connection()
    {
        await using var server = await SocketServer.StartAsync();
        var clients = new List<TcpTestClient>
        {
            await server.LoginAsync("alice"),
            await server.LoginAsync("bob"),
            await server.ConnectAsync(), // not logged in: told as well
        };
        await clients[0].RequestAsync("msg", "last words");
        await clients[1].ReadPayloadAsync();

        var closing = clients.Select(c => c.ReadUntilClosedAsync(TestTimeouts.Scenario)).ToArray();
        await server.StopAsync();
        var received = await Task.WhenAll(closing).WaitAsync(TestTimeouts.Scenario);

        foreach (var payloads in received)
        {
            var notice = Assert.Single(payloads);
            Assert.Equal(ResponseKinds.Info, Payloads.Kind(notice));
            Assert.Contains("shutting down", Payloads.Text(notice));
        }

        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
