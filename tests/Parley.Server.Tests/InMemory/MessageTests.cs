using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

public class MessageTests
{
    [Fact]
    public async Task A_message_is_echoed_to_the_sender_and_delivered_to_everyone_else()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var bob = await server.LoginAsync("bob");

        var echo = await alice.RequestAsync("msg", "hello, bob");
        var delivered = await bob.ReadPayloadAsync();

        Payloads.Message(echo, "alice", "hello, bob");
        Payloads.Message(delivered, "alice", "hello, bob");
        Assert.Equal(Payloads.Id(echo), Payloads.Id(delivered));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" \t\r\n ")]
    public async Task Empty_or_whitespace_only_messages_are_refused(string? text)
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");

        Payloads.Error(await alice.RequestAsync("msg", text), ErrorCodes.EmptyMessage);

        // Nothing was broadcast: the next payload is the reply to the next request.
        Payloads.Message(await alice.RequestAsync("msg", "real"), "alice", "real");
    }

    [Fact]
    public async Task A_message_of_4000_characters_is_accepted_and_one_of_4001_is_refused()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");

        Payloads.Message(await alice.RequestAsync("msg", new string('a', 4000)), "alice", new string('a', 4000));
        Payloads.Error(await alice.RequestAsync("msg", new string('b', 4001)), ErrorCodes.MessageTooLong);
    }

    [Fact]
    public async Task The_limit_counts_characters_so_an_emoji_counts_once()
    {
        await using var server = new InMemoryServer(("MaxMessageLength", "3"));
        var alice = await server.LoginAsync("alice");

        Payloads.Message(await alice.RequestAsync("msg", "\U0001F600\U0001F600\U0001F600"), "alice", "\U0001F600\U0001F600\U0001F600");
        Payloads.Error(await alice.RequestAsync("msg", "\U0001F600\U0001F600\U0001F600!"), ErrorCodes.MessageTooLong);
    }

    [Fact]
    public async Task The_message_limit_is_a_setting()
    {
        await using var server = new InMemoryServer(("MaxMessageLength", "10"));
        var alice = await server.LoginAsync("alice");

        Payloads.Message(await alice.RequestAsync("msg", "0123456789"), "alice", "0123456789");
        Assert.Contains("10", Payloads.Error(await alice.RequestAsync("msg", "0123456789x"), ErrorCodes.MessageTooLong));
    }

    [Fact]
    public async Task Message_ids_increase()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");

        var ids = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(Payloads.Id(await alice.RequestAsync("msg", $"m{i}")));
        }

        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task An_unknown_request_is_refused_naming_it_and_pointing_at_help()
    {
        await using var server = new InMemoryServer();
        var client = server.Connect();

        var text = Payloads.Error(await client.RequestAsync("frobnicate", "x"), ErrorCodes.UnknownRequest);

        Assert.Contains("frobnicate", text);
        Assert.Contains("help", text);
    }

    [Fact]
    public async Task Names_lists_everyone_logged_in()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        await server.LoginAsync("Bob");
        server.Connect(); // not logged in: not listed

        var text = Payloads.Info(await alice.RequestAsync("names"));

        Assert.EndsWith("(2): alice, Bob", text);
    }

    [Fact]
    public async Task Content_that_is_a_number_is_read_as_its_text()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");

        await alice.SendRawAsync("{\"request\": \"msg\", \"content\": 42}\n");

        Payloads.Message(await alice.ReadPayloadAsync(), "alice", "42");
    }
}
