using System.Globalization;

namespace Parley.Protocol.Tests;

public class WireTimeTests
{
    [Fact]
    public void A_utc_time_is_written_with_milliseconds_and_z()
    {
        Assert.Equal("2026-11-25T13:02:05.123Z", WireTime.Format(new DateTimeOffset(2026, 11, 25, 13, 2, 5, 123, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(2, "2026-11-24T23:02:05.123Z")]
    [InlineData(-5, "2026-11-25T06:02:05.123Z")]
    [InlineData(14, "2026-11-24T11:02:05.123Z")]
    [InlineData(-12, "2026-11-25T13:02:05.123Z")]
    public void A_time_with_an_offset_is_converted_to_utc(int offsetHours, string expected)
    {
        var local = new DateTimeOffset(2026, 11, 25, 1, 2, 5, 123, TimeSpan.FromHours(offsetHours));

        Assert.Equal(expected, WireTime.Format(local));
    }

    [Fact]
    public void The_conversion_crosses_a_year_boundary()
    {
        Assert.Equal("2027-01-01T04:30:00.000Z", WireTime.Format(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(-5))));
    }

    [Fact]
    public void Milliseconds_are_truncated_and_always_three_digits()
    {
        var time = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(9_999);

        Assert.Equal("2026-01-02T03:04:05.000Z", WireTime.Format(time));
        Assert.Equal("2026-01-02T03:04:05.999Z", WireTime.Format(time.AddMilliseconds(999)));
    }

    [Fact]
    public void The_text_parses_back_to_the_same_instant()
    {
        var time = new DateTimeOffset(2026, 11, 25, 15, 2, 5, 123, TimeSpan.FromMinutes(90));

        var text = WireTime.Format(time);

        Assert.Equal(time, DateTimeOffset.ParseExact(text, WireTime.Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", text);
    }
}
