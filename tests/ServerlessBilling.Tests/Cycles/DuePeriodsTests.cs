using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Tests.Cycles;

public class DuePeriodsTests
{
    private static readonly Duration Day = Duration.FromHours(24);

    private static Account AccountIn(string zone, int billCycleDay) =>
        new("acct", "Acct", "plan", new BillingProfile(zone, billCycleDay, "USD"));

    [Theory]
    // UTC, bill-cycle day 1: November ends 2026-12-01 00:00Z; with a day's grace it is due from 2026-12-02 00:00Z.
    [InlineData("UTC", 1, "2026-12-01T23:59:59Z", "2026-10-01")]
    [InlineData("UTC", 1, "2026-12-02T00:00:00Z", "2026-11-01")]
    [InlineData("UTC", 1, "2026-12-31T12:00:00Z", "2026-11-01")]
    // Chicago: November ends 2026-12-01 06:00Z (CST), so due from 2026-12-02 06:00Z.
    [InlineData("America/Chicago", 1, "2026-12-02T05:59:59Z", "2026-10-01")]
    [InlineData("America/Chicago", 1, "2026-12-02T06:00:00Z", "2026-11-01")]
    // Tokyo is ahead of UTC: its November ends 2026-11-30 15:00Z.
    [InlineData("Asia/Tokyo", 1, "2026-12-01T14:59:59Z", "2026-10-01")]
    [InlineData("Asia/Tokyo", 1, "2026-12-01T15:00:00Z", "2026-11-01")]
    // Bill-cycle day 15: the period 2026-10-15..2026-11-15 is due a day after 15 November.
    [InlineData("UTC", 15, "2026-11-16T00:00:00Z", "2026-10-15")]
    [InlineData("UTC", 15, "2026-11-15T12:00:00Z", "2026-09-15")]
    // Bill-cycle day 28 across February.
    [InlineData("UTC", 28, "2026-03-01T00:00:00Z", "2026-01-28")]
    [InlineData("UTC", 28, "2026-03-29T00:00:00Z", "2026-02-28")]
    public void LatestDue_AfterTheGraceWindow_IsTheLastEndedPeriod(string zone, int billCycleDay, string now, string expected)
    {
        var due = DuePeriods.LatestDue(AccountIn(zone, billCycleDay), Instant.FromDateTimeOffset(DateTimeOffset.Parse(now, null)), Day);

        due.ShouldNotBeNull().Key.ShouldBe(expected);
    }

    [Fact]
    public void LatestDue_PeriodEndingOnADstChange_UsesLocalMidnight()
    {
        // New York: 2026-11-01 is the day clocks go back; midnight there is still EDT, 04:00Z.
        var account = AccountIn("America/New_York", 1);

        DuePeriods.LatestDue(account, Instant.FromUtc(2026, 11, 1, 3, 59), Duration.Zero)!.Value.Key.ShouldBe("2026-09-01");
        DuePeriods.LatestDue(account, Instant.FromUtc(2026, 11, 1, 4, 0), Duration.Zero)!.Value.Key.ShouldBe("2026-10-01");
    }

    [Theory]
    [InlineData(0, "2026-11-01")]
    [InlineData(48, "2026-11-01")]
    [InlineData(49, "2026-10-01")]
    public void LatestDue_LongerGrace_WaitsLonger(int graceHours, string expected)
    {
        var now = Instant.FromUtc(2026, 12, 3, 0, 0);

        DuePeriods.LatestDue(AccountIn("UTC", 1), now, Duration.FromHours(graceHours))!.Value.Key.ShouldBe(expected);
    }

    [Fact]
    public void LatestDue_AccountStartedAfterThePeriod_IsNothing()
    {
        var account = AccountIn("UTC", 1) with { ActiveFrom = new LocalDate(2026, 12, 1) };

        DuePeriods.LatestDue(account, Instant.FromUtc(2026, 12, 5, 0, 0), Day).ShouldBeNull();
    }

    [Fact]
    public void LatestDue_AccountStartedMidPeriod_IsThatPeriod()
    {
        var account = AccountIn("UTC", 1) with { ActiveFrom = new LocalDate(2026, 11, 20) };

        DuePeriods.LatestDue(account, Instant.FromUtc(2026, 12, 5, 0, 0), Day)!.Value.Key.ShouldBe("2026-11-01");
    }

    [Fact]
    public void LatestDue_AccountEndedBeforeThePeriod_IsNothing()
    {
        var account = AccountIn("UTC", 1) with { ActiveUntil = new LocalDate(2026, 11, 1) };

        DuePeriods.LatestDue(account, Instant.FromUtc(2026, 12, 5, 0, 0), Day).ShouldBeNull();
    }
}
