using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Tax;
using static ServerlessBilling.Tests.Tax.TaxTestData;

namespace ServerlessBilling.Tests.Tax;

/// <summary>47 CFR 54.708 and the Form 499-A de minimis worksheet (Appendix A): estimated contribution =
/// interstate + international end-user revenue × the year's estimation factor; de minimis when it is below $10,000.</summary>
public class DeMinimisTests
{
    private static readonly LocalDate YearEnd = new(2025, 12, 31);
    private static readonly (decimal, string) Factor = (0.256m, "test");

    public static TheoryData<decimal, decimal?, decimal, bool> Estimates => new()
    {
        // 39,000 × 0.256 = 9,984.00 < 10,000: de minimis.
        { 39_000m, null, 9_984.00m, true },
        // 39,062.50 × 0.256 = 10,000.00 exactly: 54.708 says "less than", so not de minimis.
        { 39_062.50m, null, 10_000.00m, false },
        // 39,062.46 × 0.256 = 9,999.989... → 9,999.99: de minimis by a cent.
        { 39_062.46m, null, 9_999.99m, true },
        // The projection (45,000 × 0.256 = 11,520) is above the actual: the larger one counts.
        { 30_000m, 45_000m, 11_520.00m, false },
        // Actual revenue overtook a low projection: 41,000 × 0.256 = 10,496.
        { 41_000m, 20_000m, 10_496.00m, false },
    };

    [Theory]
    [MemberData(nameof(Estimates))]
    public void For_RevenueTimesFactor_DeMinimisOnlyBelowTenThousand(decimal actual, decimal? projected, decimal contribution, bool deMinimis)
    {
        var assessment = DeMinimisAssessment.For(2025, YearEnd, actual, projected, Factor, @override: null);

        assessment.EstimatedContribution.ShouldBe(contribution);
        assessment.ComputedDeMinimis.ShouldBe(deMinimis);
        assessment.DeMinimis.ShouldBe(deMinimis);
        assessment.RevenueThreshold.ShouldBe(39_062.50m); // 10,000 / 0.256
    }

    [Theory]
    // The switch wins either way; the computation stays on the report beside it.
    [InlineData(100_000, true, false, true)]
    [InlineData(10_000, false, true, false)]
    [InlineData(10_000, null, true, true)]
    public void For_Override_WinsOverTheComputation(decimal actual, bool? overrideValue, bool computed, bool deMinimis)
    {
        var assessment = DeMinimisAssessment.For(2025, YearEnd, actual, null, Factor, overrideValue);

        assessment.ComputedDeMinimis.ShouldBe(computed);
        assessment.Override.ShouldBe(overrideValue);
        assessment.DeMinimis.ShouldBe(deMinimis);
    }

    [Fact]
    public void For_NoFactor_UndeterminedAndBillsUsf()
    {
        var assessment = DeMinimisAssessment.For(2031, new LocalDate(2031, 12, 31), 1_000m, null, null, null);

        assessment.EstimatedContribution.ShouldBeNull();
        assessment.ComputedDeMinimis.ShouldBeNull();
        assessment.DeMinimis.ShouldBeFalse();
        assessment.FactorSource.ShouldContain("Tax:DeMinimisFactor");
    }

    [Theory]
    // 9,000 by March 31 (90 of 365 days): 9,000 × 365 / 90 = 36,500.
    [InlineData("2025-03-31", 9_000, 36_500, "the year to date annualized (90 of 365 days)")]
    // The year is over: the actual revenue is the projection.
    [InlineData("2026-02-01", 9_000, 9_000, "the year's invoices (the year is over)")]
    public void For_NoProjectionSet_AnnualizesTheYearToDate(string asOf, decimal actual, decimal projected, string source)
    {
        var assessment = DeMinimisAssessment.For(2025, NodaTime.Text.LocalDatePattern.Iso.Parse(asOf).Value, actual, null, Factor, null);

        assessment.ProjectedRevenue.ShouldBe(projected);
        assessment.ProjectionSource.ShouldBe(source);
    }

    [Theory]
    [InlineData(true, "De minimis for USF: no direct contribution and no Form 499-Q, but Form 499-A is still filed")]
    [InlineData(false, "Contributes directly: file Form 499-A and the quarterly Form 499-Q.")]
    public void Filing_EitherWay_Form499AIsFiled(bool deMinimis, string starts)
    {
        DeMinimisAssessment.For(2025, YearEnd, 1m, null, Factor, deMinimis).Filing.ShouldStartWith(starts);
    }

    [Theory]
    // USAC's 2025 threshold, $39,062: 10,000 / 39,062 = 0.256003.
    [InlineData(2025, 0.256003, "USAC de minimis threshold for 2025")]
    // No known factor for 2024: the mean of the table's quarters, (34.6 + 32.8 + 34.4 + 35.8) / 4 = 34.4 %.
    [InlineData(2024, 0.344, "mean of the 4 quarterly USF factors of 2024")]
    // 2026 has two quarters in the shipped table: (37.6 + 37.0) / 2 = 37.3 %.
    [InlineData(2026, 0.373, "mean of the 2 quarterly USF factors of 2026")]
    public void Assess_FactorNotSet_KnownYearElseTheTablesQuarters(int year, decimal factor, string source)
    {
        var assessment = DeMinimisStatus.Assess(year, new LocalDate(year, 12, 31), Form499Worksheet.For(year, []), Bundled, DeMinimisOptions.Default);

        assessment.Factor.ShouldBe(factor);
        assessment.FactorSource.ShouldStartWith(source);
    }

    [Fact]
    public void Assess_Worksheet_UsesEndUserInterstateAndInternationalColumns()
    {
        // Line 423 (d) + (e) in small: end-user usage 194.70 interstate, international usage 10.00, USF billed 76.19; the
        // carrier's-carrier row (12.98) and non-telecom are outside; 280.89 × 0.30 = 84.27.
        var worksheet = new Form499Worksheet(2026, 3,
        [
            new("3", "303", "Carrier's carrier", ProductCategory.VoipAccess, "certified-reseller", "831234", null, "USD", 20m, 12.98m, 0m, 7.02m, 1),
            new("4-A", "403", "Federal USF recovery billed", null, "end-user", null, null, "USD", 76.19m, 76.19m, 0m, 0m, 3),
            new("4-A", "404.4", "End user", ProductCategory.InterconnectedVoipUsage, "end-user", null, null, "USD", 300m, 194.7m, 0m, 105.3m, 2),
            new("4-A", "404.4", "End user", ProductCategory.InternationalVoipUsage, "end-user", null, null, "USD", 10m, 0m, 10m, 0m, 1),
            new("4-A", "404.4", "End user", ProductCategory.InterconnectedVoipUsage, "end-user", null, null, "CAD", 500m, 324.5m, 0m, 175.5m, 1),
            new("4-A", "418", "Non-telecom", ProductCategory.AiPlatform, "end-user", null, null, "USD", 50m, 0m, 0m, 50m, 1),
        ], []);

        var assessment = DeMinimisStatus.Assess(2026, new LocalDate(2026, 12, 31), worksheet, Bundled, new DeMinimisOptions(Factor: 0.30m));

        assessment.ActualRevenue.ShouldBe(280.89m);
        assessment.EstimatedContribution.ShouldBe(84.27m);
        assessment.FactorSource.ShouldBe("setting Tax:DeMinimisFactor");
    }

    [Theory]
    // Nothing invoiced yet: de minimis, so the USF line is replaced by a de minimis notice.
    [InlineData(null, 0, false)]
    // A projection of 50,000 × 0.256 = 12,800: contributes, so USF is billed.
    [InlineData(null, 50_000, true)]
    // The override bills USF whatever the computation says.
    [InlineData(false, 0, true)]
    public async Task Calculator_NoOverride_BillsUsfByTheComputedStatus(bool? overrideValue, decimal projected, bool billsUsf)
    {
        var clock = new FakeClock(Instant.FromUtc(2025, 6, 30, 12, 0));
        var status = new DeMinimisStatus(new InMemoryTaxLedger(), new FixedTaxTables(Bundled), clock,
            new DeMinimisOptions(overrideValue, projected == 0m ? null : projected, 0.256m));
        var calculator = new TableTaxCalculator(new FixedTaxTables(Bundled), TaxSettings.Default, status);

        var result = await calculator.CalculateAsync(Request(new LocalDate(2025, 6, 1), Denver, [Item("Minutes", ProductCategory.InterconnectedVoipUsage, 100m)]), CancellationToken.None);

        result.Lines.Any(l => l.RuleKey == "us-fusf").ShouldBe(billsUsf);
        result.Notices.Any(n => n.Reason == TaxNoticeReason.DeMinimis).ShouldBe(!billsUsf);
    }
}
