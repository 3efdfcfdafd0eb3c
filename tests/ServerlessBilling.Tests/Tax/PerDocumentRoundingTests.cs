using NodaTime;
using ServerlessBilling.Tax;
using static ServerlessBilling.Tests.Tax.TaxTestData;

namespace ServerlessBilling.Tests.Tax;

/// <summary>Document-level rounding as tax services offer it (Avalara: line-level rounding can differ by a penny from the
/// document's; the document rounds the unrounded sum once): one tax line per charge, adding up to the rounded sum, the
/// missing cents on the largest line. Half away from zero throughout (SSUTA rounding, e.g. RCW 82.08.054).</summary>
public class PerDocumentRoundingTests
{
    private static readonly LocalDate February2026 = new(2026, 2, 10);
    private static readonly TaxTable FivePercent = Table(Percent("nc-5", "US-NC", TaxKind.SalesOrCommunicationsTax, 0.05m, order: 60));
    private static readonly TaxSettings PerDocument = TaxSettings.Default with { Rounding = TaxRounding.PerDocument };

    public static TheoryData<decimal[], decimal[]> Documents => new()
    {
        // 0.125 + 0.125 = 0.25 once; per line 0.13 + 0.13 = 0.26, so the first of the two equal lines gives back a cent.
        { [2.50m, 2.50m], [0.12m, 0.13m] },
        // 0.055 + 0.055 + 0.065 = 0.175 → 0.18; per line 0.06 + 0.06 + 0.07 = 0.19: the largest (0.065) gives back the cent.
        { [1.10m, 1.10m, 1.30m], [0.06m, 0.06m, 0.06m] },
        // 0.0625 × 3 = 0.1875 → 0.19; per line 0.06 × 3 = 0.18: the largest (the first among equals) takes the cent.
        { [1.25m, 1.25m, 1.25m], [0.07m, 0.06m, 0.06m] },
        // Per-line roundings already add up: nothing moves. 0.50 + 0.25 = 0.75.
        { [10m, 5m], [0.50m, 0.25m] },
        // A credit on the same document: 0.125 - 0.0325 + 0.125 = 0.2175 → 0.22; per line 0.13 - 0.03 + 0.13 = 0.23.
        { [2.50m, -0.65m, 2.50m], [0.12m, -0.03m, 0.13m] },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Calculate_PerDocument_LinesPerChargeSumToTheOnceRoundedTotal(decimal[] charges, decimal[] expected)
    {
        var items = charges.Select((amount, i) => Item($"charge {i + 1}", ProductCategory.VoipAccess, amount)).ToList();

        var result = Calculate(Request(February2026, Durham, items), PerDocument, FivePercent);

        result.Lines.Select(l => l.Amount.Amount).ShouldBe(expected);
        result.Lines.Select(l => l.Reference).ShouldBe(items.Select(i => (string?)i.Reference));
        var perInvoice = Calculate(Request(February2026, Durham, items), TaxSettings.Default with { Rounding = TaxRounding.PerInvoice }, FivePercent);
        result.Total("USD").ShouldBe(perInvoice.Total("USD"));
    }

    [Fact]
    public void Calculate_PerDocumentUsf_NoLinePassesItsChargesCap()
    {
        // 54.712: each charge's USF is at most its interstate part × 37.6 %. Two charges of 1.00 at the safe harbor:
        // cap 0.649 × 0.376 = 0.244024 each; the sum 0.488048 would round to 0.49, above the bill's cap, so 0.48;
        // per line 0.24 + 0.24 = 0.48: nothing to place.
        var items = new[] { Item("a", ProductCategory.InterconnectedVoipUsage, 1m), Item("b", ProductCategory.InterconnectedVoipUsage, 1m) };

        var result = Calculate(Request(February2026, Denver, items), PerDocument);

        result.Lines.Select(l => (l.RuleKey, l.Amount.Amount)).ShouldBe([("us-fusf", 0.24m), ("us-fusf", 0.24m)]);
    }

    [Fact]
    public void Calculate_PerDocumentUsf_ACentNoLineCanTakeIsNotBilled()
    {
        // Two charges of 1.00, wholly interstate (actual split), factor 24.6 %: each charge's cap is 0.246, and so is its tax.
        // Per line 0.246 would round to 0.25, above the cap, so 0.24 each (0.48). The sum 0.492 rounds to 0.49, within the
        // bill's cap, but no line can take the cent without passing its own charge's cap: the cent is not billed.
        var usf = Percent("us-fusf", "US", TaxKind.FederalUsfRecovery, 0.246m, order: 10, RevenuePortion.Total);
        var table = TaxTable.Create([new TaxJurisdiction("US", JurisdictionLevel.Federal, "United States")], [usf]);
        var split = new RevenueSplit(1m, 0m);
        var items = new[]
        {
            new TaxableItem("a", ProductCategory.InterconnectedVoipUsage, new Money(1m, "USD"), Split: split),
            new TaxableItem("b", ProductCategory.InterconnectedVoipUsage, new Money(1m, "USD"), Split: split),
        };
        var settings = PerDocument with { Allocations = [InterstateAllocation.Actual(new LocalDate(2000, 1, 1))] };

        var result = Calculate(Request(February2026, Denver, items), settings, table);

        result.Lines.Select(l => (l.Unrounded, l.Amount.Amount)).ShouldBe([(0.246m, 0.24m), (0.246m, 0.24m)]);
    }
}
