using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Tests.Cycles;

public class BillingPeriodTests
{
    [Theory]
    [InlineData(2026, 11, 14, 1, "2026-11-01", "2026-12-01")]
    [InlineData(2026, 11, 1, 1, "2026-11-01", "2026-12-01")]
    [InlineData(2026, 11, 30, 1, "2026-11-01", "2026-12-01")]
    [InlineData(2026, 11, 14, 15, "2026-10-15", "2026-11-15")]
    [InlineData(2026, 11, 15, 15, "2026-11-15", "2026-12-15")]
    [InlineData(2026, 1, 10, 28, "2025-12-28", "2026-01-28")]
    [InlineData(2026, 2, 28, 28, "2026-02-28", "2026-03-28")]
    public void Containing_BillCycleDay_StartsOnItAndEndsAMonthLater(int y, int m, int d, int cycleDay, string start, string end)
    {
        var period = BillingPeriod.Containing(new LocalDate(y, m, d), cycleDay);
        period.Key.ShouldBe(start);
        period.End.ToString("yyyy-MM-dd", null).ShouldBe(end);
    }

    [Fact]
    public void PeriodContaining_UsesTheAccountsZoneNotUtc()
    {
        var profile = new BillingProfile("America/Chicago", 1, "USD");
        // 2026-12-01 03:00 UTC is still November 30 in Chicago.
        profile.PeriodContaining(Instant.FromUtc(2026, 12, 1, 3, 0)).Key.ShouldBe("2026-11-01");
        profile.PeriodContaining(Instant.FromUtc(2026, 12, 1, 7, 0)).Key.ShouldBe("2026-12-01");
    }

    [Fact]
    public void EndInstant_IsLocalMidnightOfTheEndDate()
    {
        var period = BillingPeriod.Containing(new LocalDate(2026, 11, 14), 1);
        period.EndInstant(DateTimeZoneProviders.Tzdb["America/Chicago"]).ShouldBe(Instant.FromUtc(2026, 12, 1, 6, 0));
    }
}
