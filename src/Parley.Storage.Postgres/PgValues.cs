using System.Text;

namespace Parley.Storage.Postgres;

/// <summary>How values are put into PostgreSQL and read back.</summary>
internal static class PgValues
{
    /// <summary>
    /// Times are stored as UTC ticks (bigint): timestamptz keeps microseconds, and a tick is a tenth of one,
    /// so only ticks give back the exact instant that was stored (as the SQLite store does).
    /// </summary>
    public static long FromTime(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset ToTime(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>
    /// <paramref name="value"/> as PostgreSQL can keep it: text may not hold U+0000, and the driver refuses a
    /// lone UTF-16 surrogate (which SQLite would have turned into U+FFFD). Both become U+FFFD, so that one odd
    /// character in a message cannot fail the commit of everyone's messages batched with it.
    /// </summary>
    public static string Clean(string value)
    {
        if (!value.Contains('\0', StringComparison.Ordinal) && value.AsSpan().IndexOfAnyInRange('\ud800', '\udfff') < 0)
        {
            return value; // the common case: nothing to replace, nothing allocated
        }

        var text = new StringBuilder(value.Length);
        Span<char> units = stackalloc char[2];
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            Rune.DecodeFromUtf16(rest, out var rune, out var consumed); // a lone surrogate decodes as U+FFFD
            text.Append(units[..(rune.Value == 0 ? Rune.ReplacementChar : rune).EncodeToUtf16(units)]);
            rest = rest[consumed..];
        }

        return text.ToString();
    }

    public static string? CleanOrNull(string? value) => value is null ? null : Clean(value);
}
