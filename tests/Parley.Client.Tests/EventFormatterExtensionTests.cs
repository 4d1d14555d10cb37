namespace Parley.Client.Tests;

/// <summary>How direct messages, message ids, rooms and the prompt are shown.</summary>
public class EventFormatterExtensionTests
{
    private static readonly DateTimeOffset s_received = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<string> Format(string json, string? currentRoom = null, bool ids = false, bool color = false)
        => new EventFormatter(color, TimeZoneInfo.Utc) { ShowIds = ids }.Format(ResponseReader.Read(json, s_received), currentRoom);

    private const string RoomMessage = """{"timestamp":"2026-11-25T13:02:05Z","sender":"alice","response":"message","content":"hi","id":42,"room":"dev"}""";
    private const string Dm = """{"timestamp":"2026-11-25T13:02:06Z","sender":"alice","response":"message","content":"psst","id":43,"to":"bob"}""";

    [Fact]
    public void A_direct_message_reads_sender_arrow_recipient()
    {
        Assert.Equal(["[13:02:06] *alice -> bob* psst"], Format(Dm, currentRoom: "dev"));
    }

    [Fact]
    public void A_direct_message_is_magenta_on_a_terminal()
    {
        var line = Assert.Single(Format(Dm, color: true));

        Assert.Contains("\e[35m*alice -> bob* psst", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_are_shown_only_when_asked_for()
    {
        Assert.Equal(["[13:02:05] alice: hi"], Format(RoomMessage, currentRoom: "dev"));
        Assert.Equal(["[13:02:05] #42 alice: hi"], Format(RoomMessage, currentRoom: "dev", ids: true));
        Assert.Equal(["[13:02:06] #43 *alice -> bob* psst"], Format(Dm, ids: true));
    }

    [Fact]
    public void A_message_without_an_id_shows_none_even_with_ids_on()
    {
        Assert.Equal(["[13:02:05] bob: yo"], Format("""{"timestamp":"2026-11-25T13:02:05Z","sender":"bob","response":"message","content":"yo"}""", ids: true));
    }

    [Fact]
    public void A_message_from_another_room_is_marked_with_it()
    {
        Assert.Equal(["[13:02:05] [#dev] alice: hi"], Format(RoomMessage, currentRoom: "lobby"));
        Assert.Equal(["[13:02:05] #42 [#dev] alice: hi"], Format(RoomMessage, currentRoom: "lobby", ids: true));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("DEV")]
    [InlineData(null)]
    public void The_current_room_or_an_unknown_one_is_not_marked(string? currentRoom)
    {
        Assert.Equal(["[13:02:05] alice: hi"], Format(RoomMessage, currentRoom));
    }

    [Fact]
    public void History_items_get_ids_and_room_marks_too()
    {
        var lines = Format("""{"response":"history","room":"dev","content":["{\"sender\":\"bob\",\"response\":\"message\",\"content\":\"old\",\"id\":41,\"room\":\"dev\"}"]}""", currentRoom: "lobby", ids: true);

        Assert.Equal("#41 [#dev] bob: old", lines[1]);
    }

    [Fact]
    public void A_deletion_is_shown_as_info()
    {
        Assert.Equal(
            ["[12:00:00] *** Message 42 was removed by a moderator."],
            Format("""{"timestamp":"2026-11-25T12:00:00Z","sender":"server","response":"info","content":"Message 42 was removed by a moderator.","deleted":42,"room":"dev"}""", currentRoom: "dev", ids: true));
    }

    [Theory]
    [InlineData(null, null, "> ")]
    [InlineData(null, "dev", "> ")]
    [InlineData("alice", null, "alice> ")]
    [InlineData("alice", "dev", "alice@#dev> ")]
    public void The_prompt_names_the_user_and_the_room(string? user, string? room, string expected)
    {
        Assert.Equal(expected, EventFormatter.Prompt(user, room));
    }

    [Fact]
    public void A_room_name_cannot_drive_the_terminal()
    {
        Assert.DoesNotContain('\u001b', EventFormatter.Prompt("alice", "\u001b[2J"));
        Assert.DoesNotContain('\u001b', Assert.Single(Format("""{"sender":"a","response":"message","content":"x","room":"\u001b[2J"}""", currentRoom: "lobby")));
    }
}
