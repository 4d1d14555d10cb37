namespace Parley.Client.Tests;

public class EventFormatterTests
{
    private static readonly DateTimeOffset s_received = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    // A fixed zone two hours east of UTC, so "local time" is checked without depending on the machine.
    private static readonly TimeZoneInfo s_zone = TimeZoneInfo.CreateCustomTimeZone("Test+2", TimeSpan.FromHours(2), "Test+2", "Test+2");

    private static readonly EventFormatter s_plain = new(useColor: false, s_zone);

    private static IReadOnlyList<string> Format(string json) => s_plain.Format(ResponseReader.Read(json, s_received));

    [Fact]
    public void A_message_in_local_time()
    {
        Assert.Equal(["[15:02:05] alice: hi"], Format("""{"timestamp":"2026-11-25T13:02:05.123Z","sender":"alice","response":"message","content":"hi"}"""));
    }

    [Fact]
    public void Unix_seconds_in_local_time()
    {
        // 1764075725 = 2026-11-25T13:02:05Z
        Assert.Equal(["[15:02:05] bob: yo"], Format("""{"timestamp":1764075725.9,"sender":"bob","response":"msg","content":"yo"}"""));
    }

    [Fact]
    public void A_clock_reading_without_zone_is_shown_as_sent()
    {
        Assert.Equal(["[13:02:05] bob: yo"], Format("""{"timestamp":"13:02:05","sender":"bob","response":"message","content":"yo"}"""));
    }

    [Fact]
    public void An_unreadable_timestamp_is_shown_as_is()
    {
        Assert.Equal(["[teatime] bob: yo"], Format("""{"timestamp":"teatime","sender":"bob","response":"message","content":"yo"}"""));
    }

    [Fact]
    public void A_missing_timestamp_shows_when_it_was_received()
    {
        Assert.Equal(["[14:00:00] *** Welcome"], Format("""{"response":"info","content":"Welcome"}"""));
    }

    [Fact]
    public void Info_and_errors_are_marked()
    {
        Assert.Equal(["[14:00:00] *** Login successful"], Format("""{"timestamp":"2026-11-25T12:00:00Z","sender":"server","response":"info","content":"Login successful"}"""));
        Assert.Equal(["[14:00:00] !!! Name taken"], Format("""{"timestamp":"2026-11-25T12:00:00Z","sender":"server","response":"error","content":"Name taken"}"""));
    }

    [Fact]
    public void A_multi_line_help_text_is_marked_on_every_line()
    {
        Assert.Equal(["[14:00:00] *** login <name>", "[14:00:00] *** logout"], Format("""{"response":"info","content":"login <name>\nlogout"}"""));
    }

    [Fact]
    public void Names_are_shown_as_a_list()
    {
        Assert.Equal(["[14:00:00] *** names (2): alice, bob"], Format("""{"response":"names","content":["alice","bob"]}"""));
        Assert.Equal(["[14:00:00] *** alice, bob"], Format("""{"response":"info","content":["alice","bob"]}"""));
    }

    [Fact]
    public void Other_kinds_are_shown_as_info_with_their_name()
    {
        Assert.Equal(["[14:00:00] *** login: Welcome alice"], Format("""{"response":"login","content":"Welcome alice"}"""));
    }

    [Fact]
    public void A_history_is_a_block_with_one_line_per_item()
    {
        var lines = Format("""{"response":"history","content":["{\"timestamp\":\"2026-11-25T11:00:00Z\",\"sender\":\"a\",\"response\":\"message\",\"content\":\"one\"}",{"sender":"b","content":"two"},"c: three"]}""");

        Assert.Equal(
            [
                "--- history (3 messages) ---",
                "[13:00:00] a: one",
                "b: two",
                "c: three",
                EventFormatter.HistoryFooter,
            ],
            lines);
    }

    [Fact]
    public void An_empty_history_still_shows_its_block()
    {
        Assert.Equal(["--- history (0 messages) ---", EventFormatter.HistoryFooter], Format("""{"response":"history","content":[]}"""));
    }

    [Fact]
    public void Unreadable_input_is_shown_raw_and_marked()
    {
        var lines = s_plain.Format(ResponseReader.Unreadable("<html>oops", s_received));

        Assert.Equal(["[14:00:00] ??? unreadable: <html>oops"], lines);
    }

    [Fact]
    public void Control_characters_from_the_server_cannot_drive_the_terminal()
    {
        var line = Assert.Single(Format("""{"sender":"eve","response":"message","content":"\u001b[2Jgotcha\nsecond"}"""));

        Assert.DoesNotContain('\u001b', line);
        Assert.Contains("eve: ^[[2Jgotcha | second", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Colour_only_when_asked_for()
    {
        var colored = new EventFormatter(useColor: true, s_zone).Format(ResponseReader.Read("""{"response":"error","content":"x"}""", s_received));

        Assert.Contains('\u001b', Assert.Single(colored));
        Assert.DoesNotContain('\u001b', Assert.Single(Format("""{"response":"error","content":"x"}""")));
    }
}
