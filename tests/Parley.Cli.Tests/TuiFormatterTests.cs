using Parley.Cli.Tui;
using Parley.Client;

namespace Parley.Cli.Tests;

public class TuiFormatterTests
{
    private static readonly DateTimeOffset s_at = new(2026, 11, 25, 13, 2, 5, TimeSpan.Zero);

    private static readonly TuiFormatter s_formatter = new(new EventFormatter(useColor: false, TimeZoneInfo.Utc));

    private static ServerEvent Message(string sender, string text, string? to = null) => new(ServerEventKind.Message)
    {
        Sender = sender,
        Text = text,
        To = to,
        Room = to is null ? "lobby" : null,
        Timestamp = new ServerTimestamp(s_at, null, null),
    };

    [Fact]
    public void A_message_has_a_dim_local_time_and_the_sender_in_its_colour()
    {
        var line = s_formatter.Format(Message("bob", "hi"), "alice", "lobby", out var mentioned).Single();

        Assert.Equal([new Span("[13:02:05] ", Sgr.Dim), new Span("bob", "38;5;" + SenderColors.For("bob")), new Span(": "), new Span("hi")], line.Spans);
        Assert.False(mentioned);
    }

    [Fact]
    public void Own_messages_are_bold()
    {
        var line = s_formatter.Format(Message("alice", "hi"), "alice", "lobby", out _).Single();

        Assert.Equal(new Span("hi", Sgr.Bold), line.Spans[^1]);
        Assert.Equal("1;38;5;" + SenderColors.For("alice"), line.Spans[1].Style);
    }

    [Fact]
    public void A_mention_is_highlighted_and_reported_for_the_bell()
    {
        var line = s_formatter.Format(Message("bob", "hey Alice!"), "alice", "lobby", out var mentioned).Single();

        Assert.True(mentioned);
        Assert.Equal(new Span("hey Alice!", Sgr.Mention), line.Spans[^1]);
    }

    [Fact]
    public void A_direct_message_is_magenta()
    {
        var line = s_formatter.Format(Message("bob", "psst", to: "alice"), "alice", "lobby", out _).Single();

        Assert.Equal(new Span("*bob -> alice* psst", Sgr.Magenta), line.Spans[^1]);
    }

    [Fact]
    public void A_history_is_a_dim_block_under_a_header_naming_its_room_and_does_not_ring()
    {
        var history = new ServerEvent(ServerEventKind.History) { Room = "lobby", History = [Message("bob", "alice, earlier")] };

        var lines = s_formatter.Format(history, "alice", "lobby", out var mentioned);

        Assert.False(mentioned);
        Assert.Equal(["— history of #lobby (1 message) —", "[13:02:05] bob: alice, earlier", TuiFormatter.HistoryFooter], lines.Select(l => l.Text));
        Assert.All(lines.SelectMany(l => l.Spans), s => Assert.StartsWith(Sgr.Dim, s.Style, StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_are_red_and_infos_dim()
    {
        var error = new ServerEvent(ServerEventKind.Error) { Text = "nope", Timestamp = new ServerTimestamp(s_at, null, null) };
        var info = new ServerEvent(ServerEventKind.Info) { Text = "bob joined #lobby", Timestamp = new ServerTimestamp(s_at, null, null) };

        Assert.Equal(StyledLine.Plain("[13:02:05] !!! nope", Sgr.Error).Spans, s_formatter.Format(error, null, null, out _).Single().Spans);
        Assert.Equal(StyledLine.Plain("[13:02:05] *** bob joined #lobby", Sgr.Dim).Spans, s_formatter.Format(info, null, null, out _).Single().Spans);
    }

    [Fact]
    public void Ids_are_shown_when_asked_for()
    {
        var formatter = new TuiFormatter(new EventFormatter(useColor: false, TimeZoneInfo.Utc)) { ShowIds = true };

        var line = formatter.Format(Message("bob", "hi") with { Id = 42 }, "alice", "lobby", out _).Single();

        Assert.Equal("[13:02:05] #42 bob: hi", line.Text);
    }
}
