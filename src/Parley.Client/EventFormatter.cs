using System.Globalization;
using System.Text;

namespace Parley.Client;

/// <summary>
/// Turns events into display lines: <c>[HH:MM:SS] alice: text</c> in local time, info marked <c>*** </c>,
/// errors <c>!!! </c>, unreadable input <c>??? </c>, a history as a block between a header and a footer, one
/// line per item. ANSI colour only when asked for (the caller knows whether output is a terminal).
/// Direct messages read <c>[HH:MM:SS] *alice -&gt; bob* text</c> (magenta); a message from a room other than the
/// current one is prefixed <c>[#dev] </c>; with <see cref="ShowIds"/> messages start with their id, <c>#42 </c>.
/// Control characters from the server are made visible so a peer cannot drive the terminal.
/// </summary>
public sealed class EventFormatter(bool useColor, TimeZoneInfo? timeZone = null)
{
    public const string InfoMark = "*** ";
    public const string ErrorMark = "!!! ";
    public const string RawMark = "??? unreadable: ";
    public const string HistoryFooter = "--- end of history ---";

    private const string Reset = "\e[0m";
    private const string Dim = "\e[2m";
    private const string Bold = "\e[1m";
    private const string Red = "\e[31m";
    private const string Yellow = "\e[33m";
    private const string Magenta = "\e[35m";
    private const string Cyan = "\e[36m";

    private readonly TimeZoneInfo _timeZone = timeZone ?? TimeZoneInfo.Local;
    private volatile bool _showIds;

    /// <summary>Prefix messages with their id (<c>--ids</c>, toggled by <c>/ids</c>); read by the receive loop.</summary>
    public bool ShowIds
    {
        get => _showIds;
        set => _showIds = value;
    }

    /// <summary>The interactive prompt: <c>alice@#dev&gt; </c> when the room is known, <c>alice&gt; </c>, or <c>&gt; </c> before login.</summary>
    public static string Prompt(string? username, string? room) => (username, room) switch
    {
        (null, _) => "> ",
        (_, null) => Clean(username) + "> ",
        _ => Clean(username) + "@#" + Clean(room) + "> ",
    };

    /// <param name="received">The event.</param>
    /// <param name="currentRoom">The room the user is in, when known: messages from other rooms are marked with theirs.</param>
    public IReadOnlyList<string> Format(ServerEvent received, string? currentRoom = null)
    {
        ArgumentNullException.ThrowIfNull(received);
        var stamp = Stamp(received.Timestamp, received.ReceivedAt);
        return received.Kind switch
        {
            ServerEventKind.Message => [MessageLine(received, stamp, currentRoom)],
            ServerEventKind.Error => Notice(stamp, ErrorMark, Red, NoticeText(received)),
            ServerEventKind.History => HistoryBlock(received, currentRoom),
            ServerEventKind.Raw => [Paint(Magenta, stamp + RawMark + Clean(received.Text ?? received.Json))],
            _ => Notice(stamp, InfoMark, Yellow, NoticeText(received)),
        };
    }

    /// <summary>A line produced by the client itself (a hint), marked like info.</summary>
    public string Local(string text) => Paint(Dim, "--- " + Clean(text));

    /// <summary>The time to show: the server's in local time, a zone-less clock as sent, raw text as-is, else when received.</summary>
    public string Stamp(ServerTimestamp timestamp, DateTimeOffset? fallback)
    {
        string? shown = timestamp switch
        {
            { Instant: { } instant } => TimeZoneInfo.ConvertTime(instant, _timeZone).ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            { WallClock: { } clock } => clock.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            { Raw: { } raw } => Clean(raw),
            _ when fallback is { } received && received != default => TimeZoneInfo.ConvertTime(received, _timeZone).ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            _ => null,
        };
        return shown is null ? string.Empty : Paint(Dim, "[" + shown + "]") + " ";
    }

    private string MessageLine(ServerEvent message, string stamp, string? currentRoom)
    {
        var text = Clean(message.Text ?? string.Empty);
        var id = ShowIds && message.Id is { } number ? Paint(Dim, string.Create(CultureInfo.InvariantCulture, $"#{number}")) + " " : string.Empty;
        if (message.To is { } to)
        {
            var from = Clean(message.Sender ?? "?");
            return stamp + id + Paint(Magenta, "*" + from + " -> " + Clean(to) + "* " + text);
        }

        var room = currentRoom is not null && message.Room is { } other && !string.Equals(other, currentRoom, StringComparison.OrdinalIgnoreCase)
            ? Paint(Dim, "[#" + Clean(other) + "]") + " "
            : string.Empty;
        return message.Sender is { } sender ? stamp + id + room + Paint(Bold + Cyan, Clean(sender)) + ": " + text : stamp + id + room + text;
    }

    private List<string> HistoryBlock(ServerEvent history, string? currentRoom)
    {
        var count = history.History.Count;
        var lines = new List<string>(count + 2)
        {
            Paint(Dim, string.Create(CultureInfo.InvariantCulture, $"--- history ({count} {(count == 1 ? "message" : "messages")}) ---")),
        };
        foreach (var item in history.History)
        {
            // A history item without a timestamp shows none: the receive time would be a lie.
            var stamp = Stamp(item.Timestamp, null);
            lines.AddRange(item.Kind switch
            {
                ServerEventKind.Message => [MessageLine(item, stamp, currentRoom)],
                ServerEventKind.Error => Notice(stamp, ErrorMark, Red, NoticeText(item)),
                _ => Notice(stamp, InfoMark, Yellow, NoticeText(item)),
            });
        }

        lines.Add(Paint(Dim, HistoryFooter));
        return lines;
    }

    /// <summary>Notice text: a list (e.g. the users of <c>names</c>) joined on one line; an unknown kind named first.</summary>
    private static string NoticeText(ServerEvent notice)
    {
        var kind = notice.Kind == ServerEventKind.Other && !string.IsNullOrWhiteSpace(notice.ResponseName) ? notice.ResponseName.Trim() : null;
        if (notice.Items is { } items)
        {
            var joined = string.Join(", ", items);
            return kind is null ? joined : string.Create(CultureInfo.InvariantCulture, $"{kind} ({items.Count}): {joined}");
        }

        var text = notice.Text ?? string.Empty;
        return kind is null ? text : kind + ": " + text;
    }

    /// <summary>Multi-line notices (help texts) get their mark on every line.</summary>
    private List<string> Notice(string stamp, string mark, string color, string text)
    {
        var lines = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            lines.Add(stamp + Paint(color, mark + Clean(line.TrimEnd('\r'))));
        }

        return lines;
    }

    private string Paint(string color, string text) => useColor ? color + text + Reset : text;

    /// <summary>Control characters shown in caret notation (ESC as <c>^[</c>); newlines inside messages as <c>" | "</c>.</summary>
    public static string Clean(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u001f') && !text.Contains('\u007f', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\t':
                    builder.Append(c);
                    break;
                case '\n':
                    builder.Append(" | ");
                    break;
                case '\r':
                    break;
                case < ' ':
                    builder.Append('^').Append((char)(c + '@'));
                    break;
                case '\u007f':
                    builder.Append("^?");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
