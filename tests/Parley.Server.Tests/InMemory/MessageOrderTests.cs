using System.Text;
using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

/// <summary>
/// A session's messages go into the room's queue without waiting for each other; whatever it asks next is
/// answered only after they have reached it, so no answer overtakes the session's own messages.
/// </summary>
public class MessageOrderTests
{
    [Theory]
    [InlineData("{\"request\": \"names\", \"content\": null}\n", "info")]
    [InlineData("{\"request\": \"msg\", \"content\": \"\"}\n", "error")]
    [InlineData("{\"request\": \"nosuch\", \"content\": null}\n", "error")]
    [InlineData("this is not json\n", "error")]
    public async Task An_answer_sent_after_a_run_of_messages_comes_after_all_their_echoes(string last, string kind)
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");

        var burst = new StringBuilder();
        for (var i = 0; i < 20; i++)
        {
            burst.Append(Encoding.UTF8.GetString(PayloadWriter.ToLine(new ChatRequest("msg", $"m{i}"))));
        }

        burst.Append(last);
        await alice.SendRawAsync(burst.ToString());

        for (var i = 0; i < 20; i++)
        {
            Payloads.Message(await alice.ReadPayloadAsync(), "alice", $"m{i}");
            Payloads.Message(await bob.ReadPayloadAsync(), "alice", $"m{i}");
        }

        Assert.Equal(kind, (await alice.ReadPayloadAsync()).GetProperty("response").GetString());
        await alice.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task Messages_from_two_senders_each_arrive_in_the_order_sent_and_everyone_sees_one_order()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");

        var aliceBurst = string.Concat(Enumerable.Range(0, 50).Select(i => Encoding.UTF8.GetString(PayloadWriter.ToLine(new ChatRequest("msg", $"a{i}")))));
        var bobBurst = string.Concat(Enumerable.Range(0, 50).Select(i => Encoding.UTF8.GetString(PayloadWriter.ToLine(new ChatRequest("msg", $"b{i}")))));
        await Task.WhenAll(alice.SendRawAsync(aliceBurst), bob.SendRawAsync(bobBurst));

        var seenByAlice = new List<string>();
        var seenByBob = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            seenByAlice.Add(Payloads.Text(await alice.ReadPayloadAsync()));
            seenByBob.Add(Payloads.Text(await bob.ReadPayloadAsync()));
        }

        Assert.Equal(seenByAlice, seenByBob);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"a{i}"), seenByAlice.Where(t => t[0] == 'a'));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"b{i}"), seenByAlice.Where(t => t[0] == 'b'));
    }

    [Fact]
    public async Task Direct_and_room_messages_sent_in_one_burst_reach_the_sender_and_the_recipient_in_the_order_sent()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");

        var burst = new StringBuilder();
        var expected = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var (request, content, text) = (i % 3) switch
            {
                0 => ("dm", $"bob d{i}", $"d{i}"),
                1 => ("msg", $"m{i}", $"m{i}"),
                _ => ("dm", $"nosuchuser x{i}", null),
            };
            burst.Append(Encoding.UTF8.GetString(PayloadWriter.ToLine(new ChatRequest(request, content))));
            expected.Add(text ?? "error");
        }

        burst.Append("{\"request\": \"names\", \"content\": null}\n");
        await alice.SendRawAsync(burst.ToString());

        var seenByAlice = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var payload = await alice.ReadPayloadAsync();
            seenByAlice.Add(payload.GetProperty("response").GetString() == "error" ? "error" : Payloads.Text(payload));
        }

        Assert.Equal(expected, seenByAlice);
        Assert.Equal("info", (await alice.ReadPayloadAsync()).GetProperty("response").GetString());
        var seenByBob = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            seenByBob.Add(Payloads.Text(await bob.ReadPayloadAsync()));
        }

        Assert.Equal(expected.Where(t => t != "error"), seenByBob);
        await alice.AssertNothingPendingAsync();
    }
}
