using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Invoicing;

/// <summary>Usage lines split by where their calls ran, for a tax service that taxes intrastate and interstate minutes apart: the
/// parts and their labels, amounts that add up to the unsplit line, tiers shared by minutes, and no split unless asked.</summary>
public class UsageJurisdictionSplitTests
{
    private static readonly BillingPeriod November = BillingPeriod.Containing(new LocalDate(2026, 11, 1), 1);
    private const string Seattle = "+12065550100";

    private static RatedUsage Call(string id, string from, int seconds, decimal amount, UsageComponent component = UsageComponent.Telephony) =>
        new(new UsageEvent(id, "test", id, Instant.FromUtc(2026, 11, 3, 12, 0), seconds, CallDirection.Inbound, from, Seattle, component, true),
            "acme", November.Key, new Charge(seconds, new Money(amount, "USD"), 0.012m, "p", "2026-01-01", RatedNumberType: NumberType.Local));

    private static readonly PricePlan Plan = new("p", "Plan", "USD", [new PlanVersion(new LocalDate(2026, 1, 1), 0m, 0m, [], new PerCallRounding())]);
    private static readonly Account Acme = new("acme", "Acme", "p", new BillingProfile("UTC", 1, "USD"));

    // Inbound to a Seattle number: 2 min from Seattle, 3 from San Francisco, 1 from London, 1 from a toll-free number. 7 min × 0.012.
    private static readonly RatedUsage[] Calls =
    [
        Call("wa", "+12065551234", 120, 0.024m),
        Call("ca", "+14155550100", 180, 0.036m),
        Call("uk", "+442071838750", 60, 0.012m),
        Call("tf", "+18005550100", 60, 0.012m),
    ];

    [Fact]
    public void Build_SplitByJurisdiction_OneLinePerPart_AmountsAddUpToTheUnsplitLine()
    {
        var invoice = InvoiceBuilder.Build(Acme, Plan, November, [], Calls, usageByJurisdiction: InvoiceTaxes.JurisdictionOf);

        // 0.084 rounds to 0.08 once; the 8 cents go 0.024 : 0.036 : 0.012 : 0.012 without losing one (2 + 4 + 1 + 1).
        invoice.Lines.Select(l => (l.Description, l.Quantity, l.UnitPrice, l.Amount.Amount, l.Jurisdiction)).ShouldBe(
        [
            ("Inbound calling minutes, intrastate (1 call)", 2m, (decimal?)0.012m, 0.02m, (UsageJurisdiction?)UsageJurisdiction.Intrastate),
            ("Inbound calling minutes, interstate (1 call)", 3m, 0.012m, 0.04m, UsageJurisdiction.Interstate),
            ("Inbound calling minutes, international (1 call)", 1m, 0.012m, 0.01m, UsageJurisdiction.International),
            ("Inbound calling minutes (1 call)", 1m, 0.012m, 0.01m, null),
        ]);
        invoice.Lines.ShouldAllBe(l => l.Category == LineCategory.Usage && l.Component == UsageComponent.Telephony);
        invoice.Total.ShouldBe(InvoiceBuilder.Build(Acme, Plan, November, [], Calls).Total);
    }

    [Fact]
    public void Build_NoSplitAsked_OneLineWithoutJurisdiction()
    {
        var line = InvoiceBuilder.Build(Acme, Plan, November, [], Calls).Lines.ShouldHaveSingleItem();

        (line.Description, line.Quantity, line.Amount.Amount, line.Jurisdiction).ShouldBe(("Inbound calling minutes (4 calls)", 7m, 0.08m, (UsageJurisdiction?)null));
    }

    [Fact]
    public void Build_AllCallsOfOneJurisdiction_OneLineNamingIt()
    {
        var line = InvoiceBuilder.Build(Acme, Plan, November, [], [Calls[0], Call("wa2", "+15095550100", 60, 0.012m)], usageByJurisdiction: InvoiceTaxes.JurisdictionOf)
            .Lines.ShouldHaveSingleItem();

        (line.Description, line.Quantity, line.Amount.Amount, line.Jurisdiction).ShouldBe(
            ("Inbound calling minutes, intrastate (2 calls)", 3m, 0.04m, (UsageJurisdiction?)UsageJurisdiction.Intrastate));
    }

    [Fact]
    public void Build_AiVoiceMinutes_NeverSplit_TheyAreNotTelecom()
    {
        var usage = new[] { Call("ai-wa", "+12065551234", 120, 0.20m, UsageComponent.AiVoice), Call("ai-ca", "+14155550100", 60, 0.10m, UsageComponent.AiVoice) };

        var line = InvoiceBuilder.Build(Acme, Plan, November, [], usage, usageByJurisdiction: InvoiceTaxes.JurisdictionOf).Lines.ShouldHaveSingleItem();

        (line.Description, line.Amount.Amount, line.Jurisdiction).ShouldBe(("Inbound AI voice minutes (2 calls)", 0.30m, (UsageJurisdiction?)null));
    }

    [Fact]
    public void Build_TieredComponent_PriceOfAllMinutesSharedByChargedSeconds()
    {
        var tiered = new PricePlan("p", "Plan", "USD", [new PlanVersion(new LocalDate(2026, 1, 1), 0m, 0m, [], new PerCallRounding())
        {
            Tiers = [new TierSchedule(UsageComponent.Telephony, TierMode.Graduated, [new Tier(1, 0.50m), new Tier(null, 0.25m)])],
        }]);

        // 3 minutes graduated: 1 × 0.50 + 2 × 0.25 = 1.00, shared 120 s : 60 s.
        var invoice = InvoiceBuilder.Build(Acme, tiered, November, [], [Calls[0], Call("ca1", "+14155550100", 60, 0.012m)],
            usageByJurisdiction: InvoiceTaxes.JurisdictionOf);

        invoice.Lines.Select(l => (l.Description, l.Quantity, l.Amount.Amount, l.Jurisdiction)).ShouldBe(
        [
            ("calling minutes (graduated tiers), intrastate", 2m, 0.67m, (UsageJurisdiction?)UsageJurisdiction.Intrastate),
            ("calling minutes (graduated tiers), interstate", 1m, 0.33m, UsageJurisdiction.Interstate),
        ]);
    }

    [Fact]
    public void Items_SplitLines_CarryTheirJurisdictionToTheTaxService()
    {
        var invoice = InvoiceBuilder.Build(Acme, Plan, November, [], Calls, usageByJurisdiction: InvoiceTaxes.JurisdictionOf);

        InvoiceTaxRequest.Items(invoice).Select(i => (i.Category, i.Amount.Amount, i.Minutes, i.Jurisdiction)).ShouldBe(
        [
            (ProductCategory.InterconnectedVoipUsage, 0.02m, (decimal?)2m, (UsageJurisdiction?)UsageJurisdiction.Intrastate),
            (ProductCategory.InterconnectedVoipUsage, 0.04m, 3m, UsageJurisdiction.Interstate),
            (ProductCategory.InterconnectedVoipUsage, 0.01m, 1m, UsageJurisdiction.International),
            (ProductCategory.InterconnectedVoipUsage, 0.01m, 1m, null),
        ]);
    }

    [Fact]
    public async Task GroupInvoice_CalculatorThatSplits_GetsTheSplitUsage_TheBuiltInEngineTheWholeLine()
    {
        var account = Acme with { ServiceAddress = new PostalAddress("1 Pike St", "Seattle", "WA", "98101", "US") };
        var bill = new LocationBill(account, Plan, [], Calls, null);
        var splitting = new RecordingCalculator(splits: true);
        var whole = new RecordingCalculator(splits: false);

        var split = await GroupInvoice.BuildAsync(bill, [], November, splitting, CancellationToken.None);
        var unsplit = await GroupInvoice.BuildAsync(bill, [], November, whole, CancellationToken.None);

        splitting.Seen!.Items.Select(i => i.Jurisdiction).ShouldBe([UsageJurisdiction.Intrastate, UsageJurisdiction.Interstate, UsageJurisdiction.International, null]);
        whole.Seen!.Items.ShouldHaveSingleItem().Jurisdiction.ShouldBeNull();
        (split.Lines.Count, unsplit.Lines.Count, split.Total).ShouldBe((4, 1, unsplit.Total));
    }

    private sealed class RecordingCalculator(bool splits) : ITaxCalculator
    {
        public TaxRequest? Seen { get; private set; }

        public bool SplitsUsageByJurisdiction => splits;

        public ValueTask<TaxResult> CalculateAsync(TaxRequest request, CancellationToken cancellationToken)
        {
            Seen = request;
            return ValueTask.FromResult(new TaxResult([], []));
        }
    }
}
