using System.Globalization;

namespace Parley.Protocol;

/// <summary>Timestamps as Parley sends them: ISO-8601 UTC with milliseconds, always a string.</summary>
public static class WireTime
{
    public const string Pattern = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public static string Format(DateTimeOffset time)
        => time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);
}
