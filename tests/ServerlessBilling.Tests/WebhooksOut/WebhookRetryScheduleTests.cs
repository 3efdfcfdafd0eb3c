using NodaTime;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Tests.WebhooksOut;

public class WebhookRetryScheduleTests
{
    /// <summary>The table in docs/api.md: attempt, wait after it.</summary>
    public static TheoryData<int, int?> DefaultDelays => new()
    {
        { 1, 1 }, { 2, 2 }, { 3, 4 }, { 4, 8 }, { 5, 16 }, { 6, 32 }, { 7, 64 }, { 8, 128 }, { 9, 256 }, { 10, 512 }, { 11, 1024 },
        { 12, 1440 }, { 13, 1440 }, { 14, null },
    };

    [Theory]
    [MemberData(nameof(DefaultDelays))]
    public void DelayAfter_Default_DoublesFromAMinuteToADayThenStops(int attempt, int? minutes) =>
        WebhookRetrySchedule.Default.DelayAfter(attempt).ShouldBe(minutes is { } m ? Duration.FromMinutes(m) : null);

    [Fact]
    public void Span_Default_IsMoreThanThreeDays() =>
        WebhookRetrySchedule.Default.Span.ShouldBe(Duration.FromMinutes(2047 + 2 * 1440));

    [Fact]
    public void Span_Default_CoversThreeDays() =>
        WebhookRetrySchedule.Default.Span.ShouldBeGreaterThan(Duration.FromDays(3));
}
