using NodaTime;
using ServerlessBilling.Tax;
using static ServerlessBilling.Tests.Tax.TaxTestData;

namespace ServerlessBilling.Tests.Tax;

public class ExemptionAndCapTests
{
    private static readonly LocalDate February2026 = new(2026, 2, 10);
    private static readonly TaxableItem Minutes = Item("Outbound calling minutes", ProductCategory.InterconnectedVoipUsage, 100m);
    // Washington counts outbound channels (RCW 82.14B.030; DOR 2010-11-16): five numbers with five channels are five lines.
    private static readonly ServiceLines FiveNumbers = new(Seattle, Numbers: 5, Channels: 5, Devices: 0);

    public static TheoryData<TaxKind?, string?, string, string[]> Exemptions => new()
    {
        // Fully exempt customer (e.g. a government agency): nothing billed.
        { null, null, "2026-12-31", [] },
        // Exempt from Washington's 911 tax only: USF 24.40, county 911 5 × 0.70 = 3.50, 988 5 × 0.40 = 2.00 stay.
        { TaxKind.Emergency911, "US-WA", "2026-12-31", ["us-fusf 24.40", "wa-911-county 3.50", "wa-988 2.00"] },
        // Exemption expired before the invoice: everything billed, incl. state 911 5 × 0.25 = 1.25.
        { null, null, "2026-01-31", ["us-fusf 24.40", "wa-911-county 3.50", "wa-911-state 1.25", "wa-988 2.00"] },
    };

    [Theory]
    [MemberData(nameof(Exemptions))]
    public void Calculate_ExemptionDocument_RemovesOnlyWhatItCoversWhileValid(TaxKind? kind, string? jurisdiction, string validThrough, string[] billed)
    {
        var exemption = new TaxExemption(kind, jurisdiction, new LocalDate(2026, 1, 1), NodaTime.Text.LocalDatePattern.Iso.Parse(validThrough).Value, "exemption-certs/acme-2026.pdf");

        var result = Calculate(Request(February2026, Seattle, [Minutes], [FiveNumbers], exemptions: [exemption]));

        result.Lines.Select(l => $"{l.RuleKey} {l.Amount.Amount:0.00}").Order(StringComparer.Ordinal).ShouldBe(billed);
        result.Notices.Where(n => n.Reason == TaxNoticeReason.Exempt).ShouldAllBe(n => n.Detail.Contains("acme-2026.pdf"));
    }

    [Fact]
    public void Calculate_TaxExemptCustomer_EveryTouchedRuleNoticedAsExempt()
    {
        var exemption = new TaxExemption(null, null, new LocalDate(2026, 1, 1), null, "exemption-certs/acme.pdf");

        var result = Calculate(Request(February2026, Seattle, [Minutes], [FiveNumbers], exemptions: [exemption]));

        result.Lines.ShouldBeEmpty();
        result.Total("USD").ShouldBe(Money.Zero("USD"));
        result.Notices.Select(n => n.RuleKey).Order(StringComparer.Ordinal).ShouldBe(["us-fusf", "wa-911-county", "wa-911-state", "wa-988"]);
    }

    private static TaxRule Usf(RevenuePortion portion, ProductCategory[]? appliesTo = null, string[]? includes = null) =>
        Percent("us-fusf", "US", TaxKind.FederalUsfRecovery, 0.376m, order: 20, portion, appliesTo, includes);

    private static TaxRule AdminFee => Percent("admin-fee", "US", TaxKind.FederalRecoveryFee, 0.10m, order: 10);

    public static TheoryData<string, TaxRule[], TaxableItem[], decimal, decimal, bool> MisconfiguredUsfRules => new()
    {
        // Correct rule: 64.9 × 0.376 = 24.4024, exactly the cap; rounded down to 24.40.
        { "interstate and international", [Usf(RevenuePortion.InterstateAndInternational)], [Minutes], 24.4024m, 24.40m, false },
        // Rate applied to the whole charge: 100 × 0.376 = 37.60 is cut to the cap 24.4024.
        { "whole charge", [Usf(RevenuePortion.Total)], [Minutes], 24.4024m, 24.40m, true },
        // A company fee in the USF base: (64.9 + 10) × 0.376 = 28.1624, cut to 24.4024.
        { "fee in base", [AdminFee, Usf(RevenuePortion.InterstateAndInternational, includes: ["admin-fee"])], [Minutes], 24.4024m, 24.40m, true },
        // A credit on the whole-charge rule: -100 × 0.376 = -37.60 is cut to -24.4024 and rounded towards zero.
        { "credit, whole charge", [Usf(RevenuePortion.Total)], [Minutes with { Amount = new Money(-100m, "USD") }], -24.4024m, -24.40m, true },
        // Applied to the AI platform: not telecom, so the cap is 0 and no line is billed.
        { "AI platform", [Usf(RevenuePortion.Total, [ProductCategory.AiPlatform])], [Item("Platform", ProductCategory.AiPlatform, 500m)], 0m, 0m, true },
    };

    [Theory]
    [MemberData(nameof(MisconfiguredUsfRules))]
    public void Calculate_UsfRuleOverItsBase_CutTo54712Cap(string because, TaxRule[] rules, TaxableItem[] items, decimal unrounded, decimal amount, bool capped)
    {
        var result = Calculate(Request(February2026, Durham, items), table: Table(rules));

        var usf = result.Lines.Where(l => l.RuleKey == "us-fusf").ToList();
        usf.Sum(l => l.Unrounded).ShouldBe(unrounded, because);
        usf.Sum(l => l.Amount.Amount).ShouldBe(amount, because);
        result.Notices.Any(n => n.Reason == TaxNoticeReason.UsfCapped).ShouldBe(capped, because);
    }

    [Theory]
    // Traffic study 50 % interstate, factor 0.25, $1.00 of usage: cap 1.00 × 0.5 × 0.25 = 0.125 exactly.
    // Half-up would bill 0.13, above the cap; the line is 0.12. A non-USF rule at the same midpoint bills 0.13.
    // A credit of $1.00 mirrors it: -0.12 for USF, -0.13 otherwise.
    [InlineData(TaxKind.FederalUsfRecovery, 1, 0.12)]
    [InlineData(TaxKind.StateUsf, 1, 0.13)]
    [InlineData(TaxKind.FederalUsfRecovery, -1, -0.12)]
    [InlineData(TaxKind.StateUsf, -1, -0.13)]
    public void Calculate_CapAtAMidpoint_UsfNeverRoundedAboveIt(TaxKind kind, decimal charge, decimal amount)
    {
        var rule = Percent("usf", "US", kind, 0.25m, order: 10, RevenuePortion.InterstateAndInternational);
        var settings = new TaxSettings([InterstateAllocation.TrafficStudy(new LocalDate(2026, 1, 1), 0.5m)]);

        var line = Calculate(Request(February2026, Durham, [Item("Minutes", ProductCategory.InterconnectedVoipUsage, charge)]), settings, Table(rule)).Single("usf");

        line.Unrounded.ShouldBe(charge * 0.125m);
        line.Amount.Amount.ShouldBe(amount);
    }
}
