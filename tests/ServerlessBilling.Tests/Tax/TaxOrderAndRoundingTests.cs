using NodaTime;
using ServerlessBilling.Tax;
using static ServerlessBilling.Tests.Tax.TaxTestData;

namespace ServerlessBilling.Tests.Tax;

public class TaxOrderAndRoundingTests
{
    private static readonly LocalDate September2018 = new(2018, 9, 24);

    /// <summary>Avalara's documented Durham, NC example (2018-09-24, VoIP access $100): FUSF 17.9 %, FCC fee 0.302 %, NC sales tax 7 %.</summary>
    private static TaxTable DurhamTable(string[] salesTaxIncludes) => Table(
        // Listed last-first on purpose: the order field, not the list, decides.
        Percent("nc-sales", "US-NC", TaxKind.SalesOrCommunicationsTax, 0.07m, order: 60, includes: salesTaxIncludes),
        Percent("us-fcc-fee", "US", TaxKind.FederalRecoveryFee, 0.00302m, order: 20, portion: RevenuePortion.Interstate),
        Percent("us-fusf", "US", TaxKind.FederalUsfRecovery, 0.179m, order: 10, portion: RevenuePortion.InterstateAndInternational));

    public static TheoryData<string[], decimal, decimal, decimal> SalesTaxBases => new()
    {
        // Tax on tax: base 100 + 11.6171 + 0.195998 = 111.813098; × 0.07 = 7.82691686 → 7.83.
        { ["us-fusf", "us-fcc-fee"], 111.813098m, 7.82691686m, 7.83m },
        // Only the USF line in the base: 100 + 11.6171 = 111.6171; × 0.07 = 7.813197 → 7.81.
        { ["us-fusf"], 111.6171m, 7.813197m, 7.81m },
        // No tax on tax: 100 × 0.07 = 7.00.
        { [], 100m, 7.00m, 7.00m },
    };

    [Theory]
    [MemberData(nameof(SalesTaxBases))]
    public void Calculate_SalesTaxIncludingEarlierTaxes_UsesTheirUnroundedAmounts(string[] includes, decimal salesBase, decimal unrounded, decimal amount)
    {
        var request = Request(September2018, Durham, [Item("VoIP access", ProductCategory.VoipAccess, 100m)]);

        var result = Calculate(request, table: DurhamTable(includes));

        // FUSF 64.9 × 0.179 = 11.6171 (→ 11.61: half-up 11.62 would pass the 54.712 cap); fee 64.9 × 0.00302 = 0.195998 → 0.20.
        result.Lines.Select(l => l.RuleKey).ShouldBe(["us-fusf", "us-fcc-fee", "nc-sales"]);
        result.Single("us-fusf").Unrounded.ShouldBe(11.6171m);
        result.Single("us-fusf").Amount.Amount.ShouldBe(11.61m);
        result.Single("us-fcc-fee").Unrounded.ShouldBe(0.195998m);
        var sales = result.Single("nc-sales");
        sales.TaxableBase.ShouldBe(salesBase);
        sales.Unrounded.ShouldBe(unrounded);
        sales.Amount.Amount.ShouldBe(amount);
    }

    private static readonly TaxTable FivePercent = Table(Percent("nc-5", "US-NC", TaxKind.SalesOrCommunicationsTax, 0.05m, order: 60));

    public static TheoryData<TaxRounding, decimal[], decimal[]> Midpoints => new()
    {
        // One charge of $2.50: 0.125 exactly → 0.13 either way (banker's rounding would say 0.12).
        { TaxRounding.PerLine, [2.50m], [0.13m] },
        { TaxRounding.PerInvoice, [2.50m], [0.13m] },
        // Two charges of $2.50: per line 0.125 → 0.13 twice = 0.26; per invoice 0.125 + 0.125 = 0.25 once.
        { TaxRounding.PerLine, [2.50m, 2.50m], [0.13m, 0.13m] },
        { TaxRounding.PerInvoice, [2.50m, 2.50m], [0.25m] },
        // A credit rounds away from zero too: -2.50 × 0.05 = -0.125 → -0.13.
        { TaxRounding.PerLine, [-2.50m], [-0.13m] },
    };

    [Theory]
    [MemberData(nameof(Midpoints))]
    public void Calculate_ExactMidpoint_RoundsHalfAwayFromZeroPerLineOrPerInvoice(TaxRounding rounding, decimal[] charges, decimal[] expected)
    {
        var items = charges.Select((amount, i) => Item($"charge {i + 1}", ProductCategory.VoipAccess, amount)).ToList();

        var result = Calculate(Request(new LocalDate(2026, 2, 10), Durham, items), TaxSettings.Default with { Rounding = rounding }, FivePercent);

        result.Lines.Select(l => l.Amount.Amount).ShouldBe(expected);
        result.Lines.Sum(l => l.Unrounded).ShouldBe(charges.Sum() * 0.05m);
    }

    [Fact]
    public void Calculate_PerLineRounding_NamesTheChargeEachLineIsOn()
    {
        var items = new[] { Item("Numbers", ProductCategory.VoipAccess, 2.50m), Item("Minutes", ProductCategory.InterconnectedVoipUsage, 10m) };

        var result = Calculate(Request(new LocalDate(2026, 2, 10), Durham, items), TaxSettings.Default with { Rounding = TaxRounding.PerLine }, FivePercent);

        result.Lines.Select(l => (l.Reference, l.Amount.Amount)).ShouldBe([("Numbers", 0.13m), ("Minutes", 0.50m)]);
    }
}
