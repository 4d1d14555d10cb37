namespace Parley.Client.Tests;

public class MissedMessagesTests
{
    private static ServerEvent Message(long id, string? room = "dev") => new(ServerEventKind.Message) { Id = id, Room = room, Sender = "bob", Text = "m" + id };

    private static ServerEvent History(string? room, params ServerEvent[] items) => new(ServerEventKind.History) { Room = room, History = items };

    [Fact]
    public void Only_messages_newer_than_the_last_seen_id_are_missed_each_once_in_order()
    {
        var items = new[] { Message(12), Message(10), Message(11), Message(12), Message(9) };

        var missed = MissedMessages.Newer(items, lastSeenId: 10);

        Assert.Equal([11L, 12L], missed.Select(m => m.Id!.Value));
    }

    [Fact]
    public void The_cap_keeps_the_newest()
    {
        var items = Enumerable.Range(1, 20).Select(i => Message(i));

        var missed = MissedMessages.Newer(items, lastSeenId: 0, cap: 5);

        Assert.Equal([16L, 17L, 18L, 19L, 20L], missed.Select(m => m.Id!.Value));
    }

    [Theory]
    [InlineData(new long[] { 20, 21, 22 }, 10, 20L)]   // nothing in the page reaches back to 10: page before 20
    [InlineData(new long[] { 9, 10, 11 }, 10, null)]  // the page reaches the id seen
    [InlineData(new long[] { 11, 12 }, 10, null)]      // 11 follows 10: nothing can lie between
    [InlineData(new long[] { }, 10, null)]             // an empty page: the room's history is exhausted
    public void A_gap_remains_while_the_oldest_id_is_beyond_the_next_one(long[] ids, long lastSeen, long? expected)
    {
        Assert.Equal(expected, MissedMessages.GapBefore(ids.Select(i => Message(i)), lastSeen));
    }

    [Fact]
    public void A_page_without_ids_leaves_no_gap_to_close()
    {
        Assert.Null(MissedMessages.GapBefore([new ServerEvent(ServerEventKind.Message) { Text = "no id" }], 3));
    }

    [Fact]
    public void The_page_request_uses_the_history_extension_syntax()
    {
        var request = MissedMessages.PageRequest(42);

        Assert.Equal("history", request.Request);
        Assert.Equal("100 before 42", request.Content);
        Assert.Equal("— 37 messages you missed —", MissedMessages.Note(37));
        Assert.Equal("— 1 message you missed —", MissedMessages.Note(1));
    }

    [Fact]
    public void Seen_ids_follow_each_room_and_ignore_direct_messages()
    {
        var seen = new SeenIds();

        seen.Observe(History(room: "dev", Message(5, room: null), Message(7, room: null)));
        seen.Observe(Message(9, "lobby"));
        seen.Observe(Message(6, "DEV"));
        seen.Observe(new ServerEvent(ServerEventKind.Message) { Id = 99, To = "alice", Sender = "bob" });

        Assert.Equal(7, seen.LastSeen("dev"));
        Assert.Equal(9, seen.LastSeen("lobby"));
        Assert.Null(seen.LastSeen("other"));
    }
}
