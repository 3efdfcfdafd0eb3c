using NodaTime;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage.Cdr;

public class CdrFieldParsingTests
{
    private static readonly DateTimeZone Chicago = DateTimeZoneProviders.Tzdb["America/Chicago"];

    [Theory]
    [InlineData("2024-11-14 16:14:15", 2024, 11, 14, 22, 14, 15)]
    [InlineData("2024-02-29 00:00:00", 2024, 2, 29, 6, 0, 0)]
    [InlineData("2026-11-01 01:30:00", 2026, 11, 1, 6, 30, 0)] // ambiguous: the earlier (daylight) offset
    public void TryParseLocalTime_PbxTime_IsTheInstantInTheZone(string text, int y, int mo, int d, int h, int mi, int s)
    {
        CdrFieldParsing.TryParseLocalTime(text, Chicago, out var instant).ShouldBeTrue();
        instant.ShouldBe(Instant.FromUtc(y, mo, d, h, mi, s));
    }

    [Theory]
    [InlineData("2023-02-29 10:00:00")]
    [InlineData("2024-13-01 10:00:00")]
    [InlineData("2024-11-14 23:60:00")]
    [InlineData("2024-11-14T16:14:15")]
    [InlineData("2024-11-14 16:14")]
    [InlineData("２０２４-11-14 16:14:15")]
    [InlineData("")]
    public void TryParseLocalTime_NotAPbxTime_Fails(string text) =>
        CdrFieldParsing.TryParseLocalTime(text, Chicago, out _).ShouldBeFalse();

    [Theory]
    [InlineData("2024-11-14T22:14:19Z")]
    [InlineData("2024-11-14T23:14:19+01:00")]
    [InlineData("2024-11-14T16:14:19")]
    [InlineData("2024-11-14 16:14:19")]
    public void TryParseAnyTime_IsoOrLocal_IsTheSameInstant(string text)
    {
        CdrFieldParsing.TryParseAnyTime(text, Chicago, out var instant).ShouldBeTrue();
        instant.ShouldBe(Instant.FromUtc(2024, 11, 14, 22, 14, 19));
    }
}
