using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

public class LoginOrderingTests
{
    [Fact]
    public async Task Users_who_log_in_while_others_chat_get_the_info_then_the_history_then_every_later_message_without_gap()
    {
        // A large queue: this test is about ordering, not about slow consumers.
        await using var server = new InMemoryServer(("OutboundQueueLimit", "100000"), ("HistoryDelayMilliseconds", "0"));
        var chatters = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => server.LoginAsync($"chatter{i}")));
        using var stop = new CancellationTokenSource();
        var flood = Task.WhenAll(chatters.Select(async (chatter, i) =>
        {
            for (var n = 0; !stop.IsCancellationRequested && n < 20_000; n++)
            {
                await chatter.SendAsync("msg", $"{i}:{n}");
            }
        }));

        var joiners = new List<InMemoryClient>();
        for (var j = 0; j < 60; j++)
        {
            var joiner = server.Connect();
            joiners.Add(joiner);
            await joiner.SendAsync("login", $"joiner{j}");
        }

        var checks = joiners.Select(async joiner =>
        {
            var first = await joiner.ReadPayloadAsync();
            Assert.True(Payloads.Kind(first) == ResponseKinds.Info, $"The first payload after login was {first}");
            var history = await joiner.ReadPayloadAsync();
            Assert.True(Payloads.Kind(history) == ResponseKinds.History, $"The second payload after login was {history}");
            var last = Payloads.HistoryItems(history).Select(Payloads.Id).DefaultIfEmpty(0).Last();

            // On a busy machine a login can be handled after the last message: then the history holds it.
            if (Payloads.HistoryItems(history).Select(Payloads.Text).Contains("end"))
            {
                return;
            }

            while (true)
            {
                var message = await joiner.ReadPayloadAsync();
                Assert.Equal(last + 1, Payloads.Id(message));
                last = Payloads.Id(message);
                if (Payloads.Text(message) == "end")
                {
                    return;
                }
            }
        }).ToArray();

        stop.Cancel();
        await flood.WaitAsync(TestTimeouts.Scenario);
        await chatters[0].SendAsync("msg", "end");
        await Task.WhenAll(checks).WaitAsync(TestTimeouts.Scenario);
    }
}
