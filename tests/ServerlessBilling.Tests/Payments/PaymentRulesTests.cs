using NodaTime;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Tests.Payments;

public sealed class PaymentRulesTests
{
    [Theory]
    [InlineData("3d", 3 * 24 * 3600)]
    [InlineData("12h", 12 * 3600)]
    [InlineData("1.5m", 90)]
    [InlineData("45s", 45)]
    [InlineData("2.00:00:30", 2 * 24 * 3600 + 30)]
    public void Durations_read_as_settings_write_them(string text, int seconds) =>
        DurationText.Parse(text, "Dunning:X").ShouldBe(Duration.FromSeconds(seconds));

    [Fact]
    public void A_duration_that_is_not_one_names_its_setting() =>
        Should.Throw<FormatException>(() => DurationText.Parse("soon", "Dunning:ReminderLead")).Message.ShouldStartWith("Dunning:ReminderLead");

    [Theory]
    [InlineData(LateFeeBasis.Flat, 25, null, 0, 100, 25)]
    [InlineData(LateFeeBasis.Flat, 25, 40.0, 25, 100, 15)]
    [InlineData(LateFeeBasis.Flat, 25, 40.0, 40, 100, 0)]
    [InlineData(LateFeeBasis.PercentOfBalance, 1.5, null, 0, 33.30, 0.50)] // 0.4995 half-up
    [InlineData(LateFeeBasis.PercentOfBalance, 1.5, null, 0, 33.00, 0.50)] // 0.495 exactly: half-up, not banker's 0.50/0.49
    [InlineData(LateFeeBasis.PercentOfBalance, 1.5, null, 0, 32.99, 0.49)] // 0.49485
    [InlineData(LateFeeBasis.Flat, 25, null, 0, 0, 0)]
    public void Late_fees_are_flat_or_a_percentage_rounded_half_up_and_capped(
        LateFeeBasis basis, double value, double? cap, double assessed, double balance, double expected)
    {
        var policy = new LateFeePolicy(basis, (decimal)value, Duration.Zero, LateFeeRecurrence.Monthly, (decimal?)cap);

        LateFees.Assess(policy, new Money((decimal)balance, "USD"), new Money((decimal)assessed, "USD")).ShouldBe(new Money((decimal)expected, "USD"));
    }

    [Fact]
    public void Monthly_late_fees_fall_on_the_same_day_of_each_following_month()
    {
        var due = Instant.FromUtc(2026, 1, 31, 5, 0, 0);
        var monthly = new LateFeePolicy(LateFeeBasis.Flat, 10m, Duration.FromDays(5), LateFeeRecurrence.Monthly);

        LateFees.DueAt(monthly, due, 1).ShouldBe(Instant.FromUtc(2026, 2, 5, 5, 0, 0));
        LateFees.DueAt(monthly, due, 2).ShouldBe(Instant.FromUtc(2026, 3, 5, 5, 0, 0));
        LateFees.DueAt(monthly with { Recurrence = LateFeeRecurrence.Once }, due, 2).ShouldBeNull();
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(30 * 86400, 1)]
    [InlineData(30 * 86400 + 1, 2)]
    [InlineData(60 * 86400 + 1, 3)]
    [InlineData(90 * 86400, 3)]
    [InlineData(90 * 86400 + 1, 4)]
    public void Aging_buckets_count_a_started_day_as_a_day(long secondsOverdue, int bucket)
    {
        var due = Instant.FromUtc(2026, 4, 2, 4, 0);

        ReceivablesAging.BucketOf(due, due + Duration.FromSeconds(secondsOverdue)).ShouldBe(bucket);
    }

    [Fact]
    public async Task The_aging_report_sums_open_balances_per_account_and_currency_and_neutralizes_formulas()
    {
        var due = Instant.FromUtc(2026, 4, 1, 0, 0);
        var receivables = new InMemoryReceivables();
        await receivables.OpenAsync(new Receivable("i1", "=HYPERLINK(\"x\")", "INV-1", "USD", new Money(100m, "USD"), due, []), default);
        await receivables.OpenAsync(new Receivable("i2", "=HYPERLINK(\"x\")", "INV-2", "USD", new Money(40m, "USD"), due + Duration.FromDays(60), []), default);
        await receivables.OpenAsync(new Receivable("i3", "zeta", "INV-3", "EUR", new Money(10m, "EUR"), due, [
            new PaymentEntry("offline:1", PaymentEntryKind.Offline, PaymentEntryStatus.Succeeded, new Money(10m, "EUR"), due)]) { Status = ReceivableStatus.Paid }, default);

        var report = await new ReceivablesAging(receivables).ReportAsync(due + Duration.FromDays(50), default);

        report.Rows.ShouldHaveSingleItem().Amounts.ShouldBe([new Money(40m, "USD"), Money.Zero("USD"), new Money(100m, "USD"), Money.Zero("USD"), Money.Zero("USD")]);
        report.Totals.ShouldHaveSingleItem().Total.ShouldBe(new Money(140m, "USD"));
        var csv = report.ToCsv().Split('\n');
        csv[0].ShouldBe("account,currency,current,1-30,31-60,61-90,90+,total");
        csv[1].ShouldStartWith("\"'=HYPERLINK");
    }
}
