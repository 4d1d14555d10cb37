using System.Globalization;
using System.Text.Json;

namespace Parley.Client;

/// <summary>
/// Reads the timestamps real peers send (PROTOCOL.md): ISO-8601 with or without a zone, <c>"HH:MM:SS"</c>,
/// <c>"HH:MM"</c>, <c>ctime</c> (<c>"Wed Nov 25 13:02:51 2026"</c>), <c>"2026-11-25 13:02:05"</c>,
/// <c>"11/25/26 - 13:14:31"</c>, Unix seconds as a number or a numeric string. Never throws.
/// </summary>
public static class TimestampReader
{
    private static readonly string[] s_timeOnlyFormats = ["HH:mm:ss", "H:mm:ss", "HH:mm", "H:mm", "HH:mm:ss.FFFFFFF"];

    private static readonly string[] s_wallClockFormats =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "MM/dd/yy - HH:mm:ss",
        "MM/dd/yyyy - HH:mm:ss",
        "MM/dd/yy HH:mm:ss",
        "MM/dd/yyyy HH:mm:ss",
        "dd.MM.yyyy HH:mm:ss",
        "MMM d HH:mm:ss yyyy",
        "MMM d yyyy HH:mm:ss",
    ];

    // Unix time in seconds beyond this is taken as milliseconds (JavaScript's Date.now()).
    private const double MillisecondsThreshold = 1e11;

    public static ServerTimestamp Read(JsonElement? value)
    {
        if (value is not { } element)
        {
            return ServerTimestamp.Missing;
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => Read(element.GetString()),
            JsonValueKind.Number when element.TryGetDouble(out var number) => FromUnix(number, element.GetRawText()),
            JsonValueKind.Null or JsonValueKind.Undefined => ServerTimestamp.Missing,
            _ => new ServerTimestamp(null, null, element.GetRawText()),
        };
    }

    public static ServerTimestamp Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ServerTimestamp.Missing;
        }

        var trimmed = CollapseSpaces(text.Trim());
        var invariant = CultureInfo.InvariantCulture;
        if (double.TryParse(trimmed, NumberStyles.Float, invariant, out var number))
        {
            return FromUnix(number, text);
        }

        if (TimeOnly.TryParseExact(trimmed, s_timeOnlyFormats, invariant, DateTimeStyles.None, out var time))
        {
            return new ServerTimestamp(null, DateTime.MinValue.Add(time.ToTimeSpan()), null);
        }

        // ctime starts with the day name; drop it, so a wrong day name does not make the date unreadable.
        var withoutDayName = trimmed.Length > 4 && char.IsAsciiLetter(trimmed[0]) && trimmed[3] == ' ' && char.IsAsciiLetter(trimmed[4])
            ? trimmed[4..]
            : trimmed;
        if (DateTime.TryParseExact(withoutDayName, s_wallClockFormats, invariant, DateTimeStyles.None, out var wallClock))
        {
            return new ServerTimestamp(null, DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), null);
        }

        if (HasZone(trimmed)
            && DateTimeOffset.TryParse(trimmed, invariant, DateTimeStyles.AllowWhiteSpaces, out var instant))
        {
            return new ServerTimestamp(instant, null, null);
        }

        if (DateTime.TryParse(trimmed, invariant, DateTimeStyles.AllowWhiteSpaces, out var other))
        {
            return new ServerTimestamp(null, DateTime.SpecifyKind(other, DateTimeKind.Unspecified), null);
        }

        return new ServerTimestamp(null, null, text);
    }

    private static ServerTimestamp FromUnix(double seconds, string raw)
    {
        if (double.IsNaN(seconds) || double.IsInfinity(seconds) || seconds < 0)
        {
            return new ServerTimestamp(null, null, raw);
        }

        var milliseconds = seconds >= MillisecondsThreshold ? seconds : seconds * 1000;
        try
        {
            return new ServerTimestamp(DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds), null, null);
        }
        catch (ArgumentOutOfRangeException)
        {
            return new ServerTimestamp(null, null, raw);
        }
    }

    /// <summary>ISO-8601 with <c>Z</c> or a numeric offset after the time.</summary>
    private static bool HasZone(string text)
    {
        if (text.EndsWith('Z') || text.EndsWith('z') || text.EndsWith("UTC", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var timeStart = text.IndexOf(':', StringComparison.Ordinal);
        return timeStart > 0 && text.AsSpan(timeStart).IndexOfAny('+', '-') > 0;
    }

    // ctime pads one-digit days with a second space ("Nov  5").
    private static string CollapseSpaces(string text)
    {
        while (text.Contains("  ", StringComparison.Ordinal))
        {
            text = text.Replace("  ", " ", StringComparison.Ordinal);
        }

        return text;
    }
}
