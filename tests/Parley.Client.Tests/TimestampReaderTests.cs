using System.Text.Json;

namespace Parley.Client.Tests;

public class TimestampReaderTests
{
    [Theory]
    [InlineData("2026-11-25T13:02:05.123Z", "2026-11-25T13:02:05.1230000+00:00")]
    [InlineData("2026-11-25T13:02:05Z", "2026-11-25T13:02:05.0000000+00:00")]
    [InlineData("2026-11-25T14:02:05+01:00", "2026-11-25T14:02:05.0000000+01:00")]
    [InlineData("2026-11-25T08:02:05.5-05:00", "2026-11-25T08:02:05.5000000-05:00")]
    public void Iso_8601_with_a_zone_is_an_instant(string text, string expected)
    {
        var timestamp = TimestampReader.Read(text);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), timestamp.Instant);
        Assert.Null(timestamp.WallClock);
    }

    [Theory]
    [InlineData("13:02:05", "13:02:05")]
    [InlineData("13:02", "13:02:00")]
    [InlineData("9:05:01", "09:05:01")]
    [InlineData("Wed Nov 25 13:02:51 2026", "13:02:51")]
    [InlineData("Thu Nov  5 07:02:51 2026", "07:02:51")]
    [InlineData("2026-11-25 13:02:05", "13:02:05")]
    [InlineData("2026-11-25 13:02:05.123456", "13:02:05")]
    [InlineData("2026-11-25T13:02:05", "13:02:05")]
    [InlineData("11/25/26 - 13:14:31", "13:14:31")]
    public void Clock_readings_without_a_zone_are_kept_as_sent(string text, string expectedTime)
    {
        var timestamp = TimestampReader.Read(text);

        Assert.Null(timestamp.Instant);
        Assert.NotNull(timestamp.WallClock);
        Assert.Equal(expectedTime, timestamp.WallClock.Value.ToString("HH:mm:ss"));
    }

    [Fact]
    public void Ctime_keeps_its_date()
    {
        var timestamp = TimestampReader.Read("Wed Nov 25 13:02:51 2026");

        Assert.Equal(new DateTime(2026, 11, 25, 13, 2, 51), timestamp.WallClock);
    }

    [Theory]
    [InlineData("1764075725", 1764075725000L)]
    [InlineData("1764075725.5", 1764075725500L)]
    [InlineData("1764075725123", 1764075725123L)]
    public void Numbers_are_unix_time(string json, long expectedMilliseconds)
    {
        using var document = JsonDocument.Parse(json);

        var timestamp = TimestampReader.Read(document.RootElement);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedMilliseconds), timestamp.Instant);
    }

    [Fact]
    public void A_numeric_string_is_unix_time()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764075725), TimestampReader.Read("1764075725").Instant);
    }

    [Theory]
    [InlineData("yesterday-ish")]
    [InlineData("25:99")]
    [InlineData("the 5th of never")]
    public void Unreadable_text_is_kept_raw(string text)
    {
        var timestamp = TimestampReader.Read(text);

        Assert.Equal(text, timestamp.Raw);
        Assert.Null(timestamp.Instant);
        Assert.Null(timestamp.WallClock);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_or_empty_is_missing(string? text)
    {
        Assert.True(TimestampReader.Read(text).IsMissing);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{\"a\":1}")]
    [InlineData("[1,2]")]
    [InlineData("-5")]
    [InlineData("1e300")]
    public void Odd_json_values_never_throw(string json)
    {
        using var document = JsonDocument.Parse(json);

        var timestamp = TimestampReader.Read(document.RootElement);

        Assert.Null(timestamp.Instant);
    }
}
