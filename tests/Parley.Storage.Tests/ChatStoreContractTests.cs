namespace Parley.Storage.Tests;

/// <summary>
/// What every <see cref="IChatStore"/> does, run against each store (the in-memory one is the reference).
/// </summary>
public abstract partial class ChatStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    protected static readonly CancellationToken None = CancellationToken.None;

    protected IChatStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = CreateStore();
        await Store.InitializeAsync(None).Limited();
    }

    public virtual async Task DisposeAsync() => await Store.DisposeAsync().Limited();

    protected abstract IChatStore CreateStore();

    protected static NewMessage Msg(string? room, string sender, string text, int second = 0, string? to = null)
        => new(room, sender, text, T0.AddSeconds(second), to);

    [Fact]
    public async Task Append_gives_ascending_ids_in_input_order_and_returns_the_messages()
    {
        var input = new[] { Msg("lobby", "alice", "one"), Msg("lobby", "bob", "two", 1), Msg(null, "bob", "psst", 2, to: "alice") };

        var stored = await Store.AppendAsync(input, None).Limited();
        var more = await Store.AppendAsync([Msg("games", "carol", "three", 3)], None).Limited();

        Assert.Equal(3, stored.Count);
        for (var i = 0; i < input.Length; i++)
        {
            Assert.Equal(new StoredMessage(stored[i].Id, input[i].Room, input[i].Sender, input[i].Text, input[i].Timestamp, input[i].To), stored[i]);
        }

        Assert.True(stored[0].Id < stored[1].Id && stored[1].Id < stored[2].Id && stored[2].Id < more[0].Id);
    }

    [Fact]
    public async Task Append_of_nothing_returns_nothing()
    {
        Assert.Empty(await Store.AppendAsync([], None).Limited());
    }

    [Fact]
    public async Task Timestamps_come_back_to_the_tick_as_the_same_instant()
    {
        var odd = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(2)).AddTicks(1234567);
        var stored = await Store.AppendAsync([new NewMessage("lobby", "alice", "hi", odd)], None).Limited();

        var read = (await Store.GetRecentAsync("lobby", 10, null, None).Limited()).Single();
        Assert.Equal(odd, read.Timestamp);
        Assert.Equal(odd.UtcTicks, read.Timestamp.UtcTicks);
        Assert.Equal(stored[0], read);
    }

    [Fact]
    public async Task GetRecent_returns_the_most_recent_oldest_first()
    {
        for (var i = 0; i < 10; i++)
        {
            await Store.AppendAsync([Msg("lobby", "alice", $"m{i}", i)], None).Limited();
        }

        var recent = await Store.GetRecentAsync("lobby", 3, null, None).Limited();

        Assert.Equal(["m7", "m8", "m9"], recent.Select(m => m.Text));
        Assert.Equal(10, (await Store.GetRecentAsync("lobby", 100, null, None).Limited()).Count);
        Assert.Empty(await Store.GetRecentAsync("lobby", 0, null, None).Limited());
        Assert.Empty(await Store.GetRecentAsync("nowhere", 10, null, None).Limited());
    }

    [Fact]
    public async Task GetRecent_matches_the_room_in_any_case_and_leaves_out_other_rooms_and_direct_messages()
    {
        await Store.AppendAsync(
            [Msg("Lobby", "alice", "a"), Msg("games", "bob", "b"), Msg(null, "bob", "dm", to: "alice"), Msg("LOBBY", "carol", "c")],
            None).Limited();

        var recent = await Store.GetRecentAsync("lobby", 10, null, None).Limited();

        Assert.Equal(["a", "c"], recent.Select(m => m.Text));
        Assert.Equal(["Lobby", "LOBBY"], recent.Select(m => m.Room)); // each as it was sent
    }

    [Fact]
    public async Task GetRecent_before_an_id_pages_backwards()
    {
        var stored = await Store.AppendAsync([.. Enumerable.Range(0, 6).Select(i => Msg("lobby", "alice", $"m{i}", i))], None).Limited();

        var page = await Store.GetRecentAsync("lobby", 2, stored[4].Id, None).Limited();
        var first = await Store.GetRecentAsync("lobby", 10, stored[1].Id, None).Limited();

        Assert.Equal(["m2", "m3"], page.Select(m => m.Text));
        Assert.Equal(["m0"], first.Select(m => m.Text));
        Assert.Empty(await Store.GetRecentAsync("lobby", 10, stored[0].Id, None).Limited());
    }

    [Fact]
    public async Task FindMessage_finds_room_and_direct_messages_by_id_and_null_when_missing()
    {
        var stored = await Store.AppendAsync([Msg("lobby", "alice", "a"), Msg(null, "bob", "dm", 1, to: "alice")], None).Limited();

        Assert.Equal(stored[0], await Store.FindMessageAsync(stored[0].Id, None).Limited());
        Assert.Equal(stored[1], await Store.FindMessageAsync(stored[1].Id, None).Limited());
        Assert.Null(await Store.FindMessageAsync(stored[1].Id + 100, None).Limited());
    }

    [Fact]
    public async Task DeleteMessage_removes_it_from_history_and_lookup_once()
    {
        var stored = await Store.AppendAsync([Msg("lobby", "alice", "a"), Msg("lobby", "bob", "b", 1), Msg("lobby", "carol", "c", 2)], None).Limited();

        Assert.True(await Store.DeleteMessageAsync(stored[1].Id, None).Limited());
        Assert.False(await Store.DeleteMessageAsync(stored[1].Id, None).Limited());
        Assert.False(await Store.DeleteMessageAsync(stored[2].Id + 100, None).Limited());

        Assert.Null(await Store.FindMessageAsync(stored[1].Id, None).Limited());
        Assert.Equal(["a", "c"], (await Store.GetRecentAsync("lobby", 10, null, None).Limited()).Select(m => m.Text));
        Assert.Equal(["a"], (await Store.GetRecentAsync("lobby", 1, stored[2].Id, None).Limited()).Select(m => m.Text));
    }

    [Fact]
    public async Task EnsureRoom_keeps_the_first_spelling_and_ListRooms_lists_each_room_once_in_order()
    {
        Assert.Equal("Games", await Store.EnsureRoomAsync("Games", T0, None).Limited());
        Assert.Equal("Games", await Store.EnsureRoomAsync("GAMES", T0.AddSeconds(1), None).Limited());
        Assert.Equal("lobby", await Store.EnsureRoomAsync("lobby", T0, None).Limited());
        await Store.EnsureRoomAsync("a_b", T0, None).Limited();
        await Store.EnsureRoomAsync("aab", T0, None).Limited();
        await Store.EnsureRoomAsync("Zed", T0, None).Limited();

        Assert.Equal(["aab", "a_b", "Games", "lobby", "Zed"], await Store.ListRoomsAsync(None).Limited());
    }
}
