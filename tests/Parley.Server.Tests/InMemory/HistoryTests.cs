using System.Text.Json;
using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.InMemory;

public class HistoryTests
{
    [Fact]
    public async Task History_items_are_json_encoded_message_strings_by_default()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var sent = await alice.RequestAsync("msg", "hi \"there\"");

        var history = await server.Connect().LoginAsync("bob");

        var item = Assert.Single(history.GetProperty("content").EnumerateArray());
        Assert.Equal(JsonValueKind.String, item.ValueKind);
        AssertSameMessage(sent, JsonDocument.Parse(item.GetString()!).RootElement);
    }

    [Fact]
    public async Task History_items_are_plain_objects_when_the_setting_says_so()
    {
        await using var server = new InMemoryServer(("HistoryFormat", "Objects"));
        var alice = await server.LoginAsync("alice");
        var sent = await alice.RequestAsync("msg", "hi");

        var history = await server.Connect().LoginAsync("bob");

        var item = Assert.Single(history.GetProperty("content").EnumerateArray());
        Assert.Equal(JsonValueKind.Object, item.ValueKind);
        AssertSameMessage(sent, item);
    }

    [Fact]
    public async Task The_login_history_stays_under_4000_bytes_and_holds_the_most_recent_messages_in_order()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var ids = new List<long>();
        for (var i = 0; i < 40; i++)
        {
            // Quotes and backslashes grow when the message is JSON-encoded again as a string item.
            ids.Add(Payloads.Id(await alice.RequestAsync("msg", $"{i:D3} \"quoted\" \\ {new string('x', 300)}")));
        }

        var bob = server.Connect();
        var history = await bob.LoginAsync("bob");
        var lineLength = bob.Reader.LastFrame.Length + 1;

        var items = Payloads.HistoryItems(history);
        Assert.True(lineLength < 4000, $"The history line is {lineLength} bytes.");
        Assert.InRange(items.Count, 5, 39);
        Assert.Equal(ids[^items.Count..], items.Select(Payloads.Id));
    }

    [Fact]
    public async Task The_login_history_holds_at_most_the_configured_number_of_messages()
    {
        await using var server = new InMemoryServer(("LoginHistoryMaxMessages", "3"));
        var alice = await server.LoginAsync("alice");
        for (var i = 0; i < 5; i++)
        {
            await alice.RequestAsync("msg", $"m{i}");
        }

        var items = Payloads.HistoryItems(await server.Connect().LoginAsync("bob"));

        Assert.Equal(["m2", "m3", "m4"], items.Select(Payloads.Text));
    }

    [Fact]
    public async Task The_history_request_pages_by_count_and_by_id()
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");
        var ids = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(Payloads.Id(await alice.RequestAsync("msg", $"m{i}")));
        }

        Assert.Equal(ids, await PageAsync(alice, null));
        Assert.Equal(ids[^3..], await PageAsync(alice, "3"));
        Assert.Equal(ids[..4], await PageAsync(alice, $"before {ids[4]}"));
        Assert.Equal(ids[2..4], await PageAsync(alice, $"2 before {ids[4]}"));
        Assert.Equal(ids[2..4], await PageAsync(alice, $" 2  BEFORE {ids[4]} "));
        Assert.Empty(await PageAsync(alice, $"before {ids[0]}"));
    }

    [Fact]
    public async Task A_history_page_is_capped_by_the_page_setting()
    {
        await using var server = new InMemoryServer(("HistoryPageMaxMessages", "2"));
        var alice = await server.LoginAsync("alice");
        for (var i = 0; i < 5; i++)
        {
            await alice.RequestAsync("msg", $"m{i}");
        }

        Assert.Equal(2, (await PageAsync(alice, "100")).Count);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("before")]
    [InlineData("before x")]
    [InlineData("3 4")]
    [InlineData("before 5 6")]
    public async Task An_invalid_history_argument_is_refused(string argument)
    {
        await using var server = new InMemoryServer();
        var alice = await server.LoginAsync("alice");

        Payloads.Error(await alice.RequestAsync("history", argument), ErrorCodes.InvalidArgument);
    }

    private static async Task<IReadOnlyList<long>> PageAsync(TestClient client, string? argument)
        => [.. Payloads.HistoryItems(await client.RequestAsync("history", argument)).Select(Payloads.Id)];

    private static void AssertSameMessage(JsonElement live, JsonElement item)
    {
        foreach (var key in new[] { "id", "timestamp", "sender", "response", "content" })
        {
            Assert.Equal(live.GetProperty(key).ToString(), item.GetProperty(key).ToString());
        }

        Assert.Equal(ResponseKinds.Message, Payloads.Kind(item));
    }
}
