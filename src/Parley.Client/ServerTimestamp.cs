namespace Parley.Client;

/// <summary>
/// A received timestamp, as well as it could be read. <see cref="Instant"/> is set when the zone is known
/// (ISO-8601 with <c>Z</c> or an offset, Unix seconds); <see cref="WallClock"/> when the peer sent a clock
/// reading without a zone (<c>"13:02:05"</c>, <c>"Wed Nov 25 13:02:51 2026"</c>): it is shown as sent, because
/// converting it would guess the server's zone. For a time without a date the date part is 0001-01-01.
/// <see cref="Raw"/> keeps anything unreadable, shown as-is.
/// </summary>
public readonly record struct ServerTimestamp(DateTimeOffset? Instant, DateTime? WallClock, string? Raw)
{
    public static ServerTimestamp Missing => default;

    public bool IsMissing => Instant is null && WallClock is null && Raw is null;
}
