using System.Text.Json;
using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

public class FloodControlTests
{
    [Fact]
    public async Task Messages_beyond_the_burst_are_refused_with_rate_limited_and_not_delivered_until_tokens_come_back()
    {
        await using var server = new InMemoryServer(("MessageBurst", "3"), ("MessagesPerSecond", "2"), ("FloodDisconnectRefusals", "1000"));
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");

        // Four at once, in one write: the burst takes three, the fourth finds the bucket empty.
        await alice.SendRawAsync(Lines(("msg", "1"), ("msg", "2"), ("msg", "3"), ("msg", "4")));
        var replies = new List<JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            replies.Add(await alice.ReadPayloadAsync());
        }

        var refusal = Assert.Single(replies, r => Payloads.Kind(r) == ResponseKinds.Error);
        Assert.Equal("You are sending too fast; wait a moment.", Payloads.Error(refusal, ErrorCodes.RateLimited));
        Assert.Equal(["1", "2", "3"], replies.Where(r => Payloads.Kind(r) == ResponseKinds.Message).Select(Payloads.Text));

        // The bucket refills on its own: the client retries until a message passes.
        var accepted = await RetryUntilAcceptedAsync(alice, "after");
        Payloads.Message(accepted, "alice", "after");

        // Bob saw the three of the burst and the retry, never the refused fourth.
        string[] seen = [Payloads.Text(await bob.ReadPayloadAsync()), Payloads.Text(await bob.ReadPayloadAsync()), Payloads.Text(await bob.ReadPayloadAsync()), Payloads.Text(await bob.ReadPayloadAsync())];
        Assert.Equal(["1", "2", "3", "after"], seen);
        Assert.True(server.Chat.Counters.RateLimitedRequests >= 1);
    }

    [Fact]
    public async Task Sustained_flooding_closes_the_connection_while_others_chat_on()
    {
        await using var server = new InMemoryServer(("MessageBurst", "2"), ("MessagesPerSecond", "0.01"), ("FloodDisconnectRefusals", "5"), ("FloodWindowSeconds", "60"));
        var flooder = await server.LoginAsync("flooder");
        var bystander = await server.LoginAsync("bystander");

        await flooder.SendRawAsync(Lines([.. Enumerable.Range(0, 50).Select(i => ("msg", $"spam {i}"))]));
        var received = await flooder.ReadUntilClosedAsync();

        // Two pass, four are refused, the fifth refusal closes; nothing after it is read.
        Assert.Equal(2, received.Count(r => Payloads.Kind(r) == ResponseKinds.Message && Payloads.Sender(r) == "flooder"));
        var errors = received.Where(r => Payloads.Kind(r) == ResponseKinds.Error).ToArray();
        Assert.Equal(5, errors.Length);
        Assert.Contains("Closing the connection", Payloads.Error(errors[^1], ErrorCodes.RateLimited));
        Assert.Equal(1, server.Chat.Counters.FloodDisconnects);

        // The bystander's own bucket is untouched: it chats, and the flooder is gone from the room.
        Assert.Equal("spam 0", Payloads.Text(await bystander.ReadPayloadAsync()));
        Assert.Equal("spam 1", Payloads.Text(await bystander.ReadPayloadAsync()));
        Payloads.Message(await bystander.RequestAsync("msg", "still here"), "bystander", "still here");
        Assert.EndsWith("(1): bystander", Payloads.Info(await bystander.RequestAsync("names")));
    }

    [Fact]
    public async Task Other_requests_and_garbage_have_a_bucket_of_their_own()
    {
        await using var server = new InMemoryServer(("MessageBurst", "1"), ("MessagesPerSecond", "0.01"), ("RequestBurst", "3"), ("RequestsPerSecond", "0.01"));
        var alice = server.Connect();

        // The login takes one token of the request bucket, names and the garbage the other two.
        await alice.LoginAsync("alice");
        Assert.EndsWith("(1): alice", Payloads.Info(await alice.RequestAsync("names")));
        await alice.SendRawAsync("{oops\n");
        Payloads.Error(await alice.ReadPayloadAsync(), ErrorCodes.BadJson);
        Payloads.Error(await alice.RequestAsync("names"), ErrorCodes.RateLimited);

        // The message bucket is separate and still full.
        Payloads.Message(await alice.RequestAsync("msg", "hi"), "alice", "hi");
        Payloads.Error(await alice.RequestAsync("msg", "again"), ErrorCodes.RateLimited);
    }

    private static byte[] Lines(params (string Request, string Content)[] requests)
        => [.. requests.SelectMany(r => PayloadWriter.ToLine(new ChatRequest(r.Request, r.Content)))];

    private static async Task<JsonElement> RetryUntilAcceptedAsync(TestClient client, string text)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Payload);
        while (true)
        {
            var reply = await client.RequestAsync("msg", text);
            if (Payloads.Kind(reply) != ResponseKinds.Error)
            {
                return reply;
            }

            Payloads.Error(reply, ErrorCodes.RateLimited);

            // Polling, not synchronising: the refill has no event to wait for; the deadline bounds it.
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }
}
