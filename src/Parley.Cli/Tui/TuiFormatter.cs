using System.Globalization;
using Parley.Client;

namespace Parley.Cli.Tui;

/// <summary>
/// Events as styled conversation lines for the full-screen UI. Senders in their own colour
/// (<see cref="SenderColors"/>), your own messages bold, a mention of your name in bold yellow, direct
/// messages magenta (<c>*alice -&gt; bob* text</c>), errors red, info dim; a history as a dim block under a
/// header naming its room and size. Timestamps and the text of notices come from the plain
/// <see cref="EventFormatter"/>, so both modes say the same things.
/// </summary>
internal sealed class TuiFormatter(EventFormatter plain)
{
    public const string HistoryFooter = "— end of history —";

    public bool ShowIds { get; set; }

    /// <summary>The lines for <paramref name="received"/>; <paramref name="mentioned"/> when a live message names <paramref name="me"/>.</summary>
    public IReadOnlyList<StyledLine> Format(ServerEvent received, string? me, string? room, out bool mentioned)
    {
        ArgumentNullException.ThrowIfNull(received);
        mentioned = false;
        switch (received.Kind)
        {
            case ServerEventKind.Message:
                var line = Message(received, me, room, dimmed: false, plain.Stamp(received.Timestamp, received.ReceivedAt));
                mentioned = IsMention(received, me);
                return [line];
            case ServerEventKind.History:
                return History(received, me, room);
            case ServerEventKind.Error:
                return Styled(plain.Format(received, room), Sgr.Error);
            case ServerEventKind.Raw:
                return Styled(plain.Format(received, room), Sgr.Magenta);
            default:
                return Styled(plain.Format(received, room), Sgr.Dim);
        }
    }

    /// <summary>A line from the client itself.</summary>
    public static StyledLine Local(string text) => StyledLine.Plain("--- " + EventFormatter.Clean(text), Sgr.Dim);

    public static StyledLine Error(string text) => StyledLine.Plain(EventFormatter.Clean(text), Sgr.Error);

    private static bool IsMention(ServerEvent message, string? me)
        => me is not null && !string.Equals(message.Sender, me, StringComparison.OrdinalIgnoreCase) && Mentions.Contains(message.Text ?? string.Empty, me);

    private List<StyledLine> History(ServerEvent history, string? me, string? room)
    {
        var count = history.History.Count;
        var of = history.Room ?? room;
        var header = string.Create(CultureInfo.InvariantCulture, $"— history{(of is null ? string.Empty : " of #" + EventFormatter.Clean(of))} ({count} {(count == 1 ? "message" : "messages")}) —");
        var lines = new List<StyledLine> { StyledLine.Plain(header, Sgr.Dim) };
        foreach (var item in history.History)
        {
            // A history item without a timestamp shows none: the receive time would be a lie.
            var stamp = plain.Stamp(item.Timestamp, null);
            lines.AddRange(item.Kind == ServerEventKind.Message
                ? [Message(item, me, room, dimmed: true, stamp)]
                : Styled(plain.Format(item with { History = [] }, room), Sgr.Dim));
        }

        lines.Add(StyledLine.Plain(HistoryFooter, Sgr.Dim));
        return lines;
    }

    private StyledLine Message(ServerEvent message, string? me, string? room, bool dimmed, string stamp)
    {
        var spans = new List<Span>();
        if (stamp.Length > 0)
        {
            spans.Add(new Span(stamp, Sgr.Dim));
        }

        if (ShowIds && message.Id is { } id)
        {
            spans.Add(new Span(string.Create(CultureInfo.InvariantCulture, $"#{id} "), Sgr.Dim));
        }

        var text = EventFormatter.Clean(message.Text ?? string.Empty);
        var sender = message.Sender is { } name ? EventFormatter.Clean(name) : null;
        if (message.To is { } to)
        {
            spans.Add(new Span("*" + (sender ?? "?") + " -> " + EventFormatter.Clean(to) + "* " + text, Sgr.Magenta));
            return Dim(spans, dimmed);
        }

        if (room is not null && message.Room is { } other && !string.Equals(other, room, StringComparison.OrdinalIgnoreCase))
        {
            spans.Add(new Span("[#" + EventFormatter.Clean(other) + "] ", Sgr.Dim));
        }

        var own = sender is not null && string.Equals(sender, me, StringComparison.OrdinalIgnoreCase);
        if (sender is not null)
        {
            spans.Add(new Span(sender, Sgr.Color256(SenderColors.For(sender), own ? Sgr.Bold : Sgr.None)));
            spans.Add(new Span(": "));
        }

        spans.Add(new Span(text, own ? Sgr.Bold : IsMention(message, me) ? Sgr.Mention : Sgr.None));
        return Dim(spans, dimmed);
    }

    private static StyledLine Dim(List<Span> spans, bool dimmed)
        => new(dimmed ? [.. spans.Select(s => s with { Style = s.Style.Length == 0 || s.Style == Sgr.Dim ? Sgr.Dim : Sgr.Dim + ";" + s.Style })] : spans);

    private static List<StyledLine> Styled(IReadOnlyList<string> lines, string style) => [.. lines.Select(l => StyledLine.Plain(l, style))];
}
