using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

[Collection("EndToEnd")]
public class ConcurrentClientsTests
{
    private const int Clients = 200;
    private const int MessagesEach = 5;

    [Fact]
    public async Task Two_hundred_clients_chatting_at_once_all_receive_every_message_in_one_global_order()
    {
        // Each client is sent Clients * MessagesEach = 1000 payloads at most, under the default queue limit
        // (1024), so even a client the test reads late is never dropped as a slow consumer.
        await using var server = await SocketServer.StartAsync();
        var clients = await Task.WhenAll(Enumerable.Range(0, Clients).Select(i => server.LoginAsync($"user{i}")))
            .WaitAsync(TestTimeouts.Scenario);
        try
        {
            var received = clients.Select(ReceiveAllAsync).ToArray();
            await Task.WhenAll(clients.Select(async (client, i) =>
            {
                for (var n = 0; n < MessagesEach; n++)
                {
                    await client.SendAsync("msg", $"{i}:{n}");
                }
            })).WaitAsync(TestTimeouts.Scenario);
            var logs = await Task.WhenAll(received).WaitAsync(TestTimeouts.Scenario);

            var reference = logs[0];
            Assert.Equal(Clients * MessagesEach, reference.Count);
            foreach (var log in logs)
            {
                // The room serialises publishing: everyone sees the same sequence of ids, strictly increasing.
                Assert.Equal(reference.Select(m => m.Id), log.Select(m => m.Id));
                Assert.Equal(reference.Select(m => m.Text), log.Select(m => m.Text));
            }

            Assert.Equal(reference.Select(m => m.Id).Order(), reference.Select(m => m.Id));
            for (var i = 0; i < Clients; i++)
            {
                var fromSender = reference.Where(m => m.Sender == $"user{i}").Select(m => m.Text);
                Assert.Equal(Enumerable.Range(0, MessagesEach).Select(n => $"{i}:{n}"), fromSender);
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static async Task<List<(long Id, string Sender, string Text)>> ReceiveAllAsync(TcpTestClient client)
    {
        var log = new List<(long, string, string)>(Clients * MessagesEach);
        while (log.Count < Clients * MessagesEach)
        {
            var payload = await client.ReadPayloadAsync(TestTimeouts.Scenario);
            log.Add((Payloads.Id(payload), Payloads.Sender(payload), Payloads.Text(payload)));
        }

        return log;
    }
}
