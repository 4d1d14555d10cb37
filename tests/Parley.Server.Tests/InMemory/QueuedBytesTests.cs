using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

public class QueuedBytesTests
{
    [Fact]
    public async Task A_client_that_does_not_read_big_messages_is_dropped_by_the_byte_cap_before_the_payload_limit()
    {
        // The payload limit is out of reach; only the bytes can trip.
        await using var server = new InMemoryServer(("OutboundQueueMaxBytes", "200000"), ("OutboundQueueLimit", "100000"));
        var talker = await server.LoginAsync("talker");
        var sleeper = await server.LoginAsync("sleeper");

        // The sleeper never reads: its pipe fills (64 KiB), then its queue grows by 4 KB a message.
        var text = new string('x', 3900);
        var sent = 0;
        while (server.Chat.Counters.SlowConsumerDisconnects == 0)
        {
            Assert.True(sent < 1000, $"The client that never reads was not dropped after {sent} messages.");
            Payloads.Message(await talker.RequestAsync("msg", $"{sent}:{text}"), "talker", $"{sent}:{text}");
            sent++;
        }

        Assert.InRange(sent, 10, 200);
        Assert.Contains(server.Logs.Entries, e => e.Message.Contains("Slow consumer sleeper", StringComparison.Ordinal));
        var buffered = await sleeper.ReadUntilClosedAsync();
        Assert.True(buffered.Count < sent + 1, "The dropped client cannot have received everything.");

        // The talker is unaffected.
        Payloads.Message(await talker.RequestAsync("msg", "after"), "talker", "after");
    }
}
