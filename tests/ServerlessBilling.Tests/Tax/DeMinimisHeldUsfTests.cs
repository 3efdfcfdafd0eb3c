using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Tax;
using static ServerlessBilling.Tests.Tax.TaxTestData;

namespace ServerlessBilling.Tests.Tax;

/// <summary>A de minimis provider bills no USF line, so a USF factor missing from the table (the shipped one ends 2026-07-01) holds
/// its close only while that status rests on what the hold leaves incomplete: the ledger's year to date (the held invoices are not
/// in it) or the table's own quarterly factors (the missing quarter is one of them).</summary>
public class DeMinimisHeldUsfTests
{
    private static readonly LocalDate Held = new(2026, 8, 1);
    private static readonly TaxableItem Minutes = Item("Outbound calling minutes", ProductCategory.InterconnectedVoipUsage, 100m);

    public static TheoryData<bool?, decimal?, decimal?, bool> Statuses => new()
    {
        // The operator's override: settled.
        { true, null, null, true },
        // The provider's projection (20,000 × 0.256 = 5,120 < 10,000) with the factor of the year's instructions: settled.
        { null, 20_000m, 0.256m, true },
        // The ledger's year to date annualized (nothing invoiced yet): not settled.
        { null, null, 0.256m, false },
        // A projection, but the factor is the mean of the table's 2026 quarters (two of four): not settled.
        { null, 20_000m, null, false },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Calculate_UsfFactorMissing_DeMinimis_HeldOnlyWhileTheStatusIsUnsettled(bool? overrideValue, decimal? projected, decimal? factor, bool settled)
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 8, 1, 12, 0));
        var status = new DeMinimisStatus(new InMemoryTaxLedger(), new FixedTaxTables(Bundled), clock, new DeMinimisOptions(overrideValue, projected, factor));
        var calculator = new TableTaxCalculator(new FixedTaxTables(Bundled), TaxSettings.Default, status);

        var result = await calculator.CalculateAsync(Request(Held, Denver, [Minutes]), CancellationToken.None);

        result.Lines.ShouldBeEmpty();
        result.Notices.Count.ShouldBe(2);
        result.Notices[1].ShouldBe(DenverNotCovered("2026-08-01"));
        var notice = result.Notices[0];
        (notice.RuleKey, notice.Table, notice.Date).ShouldBe(("us-fusf", "federal", "2026-08-01"));
        if (settled)
        {
            (notice.Reason, notice.Detail).ShouldBe((TaxNoticeReason.DeMinimis, "the provider is de minimis and does not contribute directly; no USF factor is needed on 2026-08-01"));
            TaxDataOptions.Default.Holding(result.Notices).ShouldBeEmpty();
        }
        else
        {
            (notice.Reason, notice.Detail).ShouldBe((TaxNoticeReason.NoRateForDate,
                "no rate on 2026-08-01; the table covers until 2026-07-01; the provider computes as de minimis, but from the ledger's year to date "
                + "or the table's factors, which a held close leaves incomplete: set Tax:DeMinimis, or Tax:ProjectedInterstateRevenue and "
                + "Tax:DeMinimisFactor, to decide it without them"));
            TaxDataOptions.Default.Holding(result.Notices).ShouldBe([notice]);
        }
    }

    [Fact]
    public async Task Calculate_UsfFactorMissing_Contributor_HeldWithThePlainNotice()
    {
        var status = new DeMinimisStatus(new InMemoryTaxLedger(), new FixedTaxTables(Bundled), new FakeClock(Instant.FromUtc(2026, 8, 1, 12, 0)),
            new DeMinimisOptions(null, 50_000m, 0.256m)); // 12,800: contributes
        var calculator = new TableTaxCalculator(new FixedTaxTables(Bundled), TaxSettings.Default, status);

        var result = await calculator.CalculateAsync(Request(Held, Denver, [Minutes]), CancellationToken.None);

        result.Notices.Count.ShouldBe(2);
        (result.Notices[0].Reason, result.Notices[0].Detail)
            .ShouldBe((TaxNoticeReason.NoRateForDate, "no rate on 2026-08-01; the table covers until 2026-07-01"));
        result.Notices[1].ShouldBe(DenverNotCovered("2026-08-01"));
        TaxDataOptions.Default.Holding(result.Notices).ShouldBe([result.Notices[0]]); // the uncovered state warns, never holds
    }

    [Theory]
    [InlineData(null, null, false, false)]      // annualized year to date
    [InlineData(20_000, null, false, true)]     // projection and the instructions' factor
    [InlineData(20_000, null, true, false)]     // projection, the table's factor
    [InlineData(null, true, true, true)]        // override
    public void Settled_OnlyWhatAHoldCannotChange(int? projected, bool? overrideValue, bool factorFromTable, bool settled)
    {
        var assessment = DeMinimisAssessment.For(2026, Held, 1_000m, projected, (0.256m, "test"), overrideValue) with { FactorFromTable = factorFromTable };

        assessment.Settled.ShouldBe(settled);
    }
}
