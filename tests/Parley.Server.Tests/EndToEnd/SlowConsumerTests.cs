using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

[Collection("EndToEnd")]
public class SlowConsumerTests
{
    private const int MaxMessages = 20_000;

    [Fact]
    public async Task A_client_that_never_reads_is_disconnected_while_the_others_receive_everything()
    {
        await using var server = await SocketServer.StartAsync("--queue-limit", "64");
        var talker = await server.LoginAsync("talker");
        var listener = await server.LoginAsync("listener");

        // A tiny receive window fills the slow client's socket after a few messages.
        var sleeper = await server.ConnectAsync(receiveBufferSize: 4096);
        await sleeper.SendAsync("login", "sleeper");

        var text = new string('x', 3900);
        var sent = 0;
        while (server.Counters.SlowConsumerDisconnects == 0)
        {
            Assert.True(sent < MaxMessages, $"The client that never reads was not dropped after {sent} messages.");

            // Lock-step: the talker waits for its echo and the listener reads each message, so neither falls behind.
            await talker.SendAsync("msg", $"{sent}:{text}");
            Assert.StartsWith($"{sent}:", Payloads.Text(await talker.ReadPayloadAsync()));
            Assert.StartsWith($"{sent}:", Payloads.Text(await listener.ReadPayloadAsync()));
            sent++;
        }

        Assert.Equal(1, server.Counters.SlowConsumerDisconnects);

        // The slow client finds its connection closed once it reads what was buffered.
        var buffered = await sleeper.ReadUntilClosedAsync(TestTimeouts.Scenario);
        Assert.True(buffered.Count < sent + 2, "The slow client cannot have received everything.");

        // The others are unaffected, and nothing piles up in the server.
        Payloads.Message(await talker.RequestAsync("msg", "after"), "talker", "after");
        Payloads.Message(await listener.ReadPayloadAsync(), "talker", "after");
        Assert.EndsWith("(2): listener, talker", Payloads.Info(await listener.RequestAsync("names")));
        var memory = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(memory < 512L * 1024 * 1024, $"{memory} bytes in use after {sent} messages of {text.Length} characters.");

        await talker.DisposeAsync();
        await listener.DisposeAsync();
        await sleeper.DisposeAsync();
    }
}
