using System.Globalization;

namespace Parley.Storage.Sqlite;

/// <summary>
/// Timestamps are stored as ISO-8601 UTC text with seven fractional digits: lossless to the tick, readable in
/// the sqlite3 shell, and sorting as text sorts by time.
/// </summary>
internal static class SqlText
{
    public static string FromTime(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ToTime(string value)
        => new(DateTime.ParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime());

    public static object OrNull(string? value) => value is null ? DBNull.Value : value;
}
