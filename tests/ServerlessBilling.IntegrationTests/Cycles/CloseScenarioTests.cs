using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>
/// Closes June 2025 (30 days, UTC, bill-cycle day 1) through the durable orchestration on the local host and checks
/// the invoice JSON against amounts worked out by hand, then the PDF against the JSON.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class CloseScenarioTests(AzuriteFixture azurite, LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly BillingPeriod June = BillingPeriod.Containing(new LocalDate(2025, 6, 1), 1);

    private readonly CloseDriver driver = new(host.Host, host.Api, host.TwilioToken);
    private readonly ClosedInvoiceDocuments documents = new(azurite.Blobs);

    [Fact]
    public async Task Close_ZeroUsage_BillsRecurringFeesAndNumbersByDaysHeld()
    {
        var plan = Plan("Quiet Voice", platformFee: 30m, numberFee: 2.50m);
        plan = plan with { Versions = [plan.Versions[0] with { NumberFees = new Dictionary<NumberType, decimal> { [NumberType.TollFree] = 6m } }] };
        var account = Account("zero", plan);
        await driver.SeedAsync(plan, account,
            new NumberAssignment(CloseDriver.UniqueNumber(), account.Id, NumberType.Local, new LocalDate(2025, 5, 1)),
            new NumberAssignment(CloseDriver.UniqueNumber(), account.Id, NumberType.Local, new LocalDate(2025, 6, 11), new LocalDate(2025, 6, 21)),
            new NumberAssignment(CloseDriver.UniqueNumber("877"), account.Id, NumberType.TollFree, new LocalDate(2025, 6, 16)));

        var (summary, invoice) = await CloseJuneAsync(account);

        // Platform: 30.00 for the whole month. Local: the first number all 30 days, the second June 11–20 (10 days):
        // 1 + 10/30 = 1.3333 number-months × 2.50 = 3.3333 → 3.33. Toll-free from June 16: 15/30 × 6.00 = 3.00.
        invoice.Lines.Select(l => (l.Category, l.Description, l.Quantity, l.Amount.Amount)).ShouldBe(
        [
            (LineCategory.PlatformFee, "Quiet Voice platform fee", 1m, 30.00m),
            (LineCategory.Numbers, "Local numbers (2)", 1.3333m, 3.33m),
            (LineCategory.Numbers, "Toll-free numbers (1)", 0.5m, 3.00m),
        ]);
        invoice.Total.Amount.ShouldBe(36.33m); // 30.00 + 3.33 + 3.00
        summary.Total.ShouldBe(36.33m);
        await documents.ShouldMatchPdfAsync(invoice, summary.PdfDocument!);
    }

    [Fact]
    public async Task Close_PlanChangeAndServiceStartMidPeriod_ProratesEachPartAndBillsTheOneTimeFee()
    {
        var before = new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 30m, NumberFee: 2.40m, [InboundRate(0.05m)], new PerCallRounding())
        {
            OneTimeFees = [new OneTimeFee("setup", "Account setup", 25m)],
        };
        var after = before with
        {
            EffectiveFrom = new LocalDate(2025, 6, 21),
            PlatformFee = 45m,
            AddOns = [new AddOn("recording", "Call recording", 1, 12m)],
        };
        var plan = new PricePlan(CloseDriver.UniqueId("plan"), "Growth Voice", "USD", [before, after]);
        var account = Account("prorate", plan) with { ActiveFrom = new LocalDate(2025, 6, 11) };
        await driver.SeedAsync(plan, account,
            new NumberAssignment(CloseDriver.UniqueNumber(), account.Id, NumberType.Local, new LocalDate(2025, 6, 11)));

        var (summary, invoice) = await CloseJuneAsync(account);

        // Service June 11–30 (20 days) split at the new version (June 21): 10/30 × 30.00 = 10.00 and 10/30 × 45.00 =
        // 15.00, the add-on only under the new version: 10/30 × 12.00 = 4.00. Setup is billed once, in the period
        // service starts: 25.00. The number from June 11 at the first day's fee: 20/30 × 2.40 = 1.60.
        invoice.Lines.Select(l => (l.Category, l.Description, l.Quantity, l.Amount.Amount)).ShouldBe(
        [
            (LineCategory.PlatformFee, "Growth Voice platform fee (Jun 11–Jun 20)", 0.3333m, 10.00m),
            (LineCategory.PlatformFee, "Growth Voice platform fee (Jun 21–Jun 30)", 0.3333m, 15.00m),
            (LineCategory.AddOns, "Call recording (Jun 21–Jun 30)", 1m, 4.00m),
            (LineCategory.OneTimeFees, "Account setup", 1m, 25.00m),
            (LineCategory.Numbers, "Local numbers (1)", 0.6667m, 1.60m),
        ]);
        invoice.Total.Amount.ShouldBe(55.60m); // 10.00 + 15.00 + 4.00 + 25.00 + 1.60
        await documents.ShouldMatchPdfAsync(invoice, summary.PdfDocument!);
    }

    [Fact]
    public async Task Close_BundleExhaustedMidPeriod_SplitsTheCrossingCallIntoIncludedAndOverage()
    {
        var plan = Plan("Bundle Voice", platformFee: 20m, numberFee: 0m);
        plan = plan with { Versions = [plan.Versions[0] with { Bundles = [new Bundle("Starter minutes", 10m, [UsageComponent.Telephony])] }] };
        var account = Account("bundle", plan);
        var number = CloseDriver.UniqueNumber();
        await driver.SeedAsync(plan, account, new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2025, 5, 1)));

        // At 0.06 per started minute: 240 s → 4 min → 0.24, 300 s → 5 min → 0.30, 170 s → 3 min → 0.18, 125 s → 3 min → 0.18.
        await driver.PostInboundCallAsync(number, new LocalDate(2025, 6, 24), 125);
        await driver.PostInboundCallAsync(number, new LocalDate(2025, 6, 3), 240);
        await driver.PostInboundCallAsync(number, new LocalDate(2025, 6, 17), 170);
        await driver.PostInboundCallAsync(number, new LocalDate(2025, 6, 10), 300);
        await driver.WaitForUsageAsync(account.Id, June, expected: 4);

        var (summary, invoice) = await CloseJuneAsync(account);

        // In call-start order the bundle's 600 s go to June 3 (240 s) and June 10 (300 s); the June 17 call crosses
        // the end: 60 s included, 120 s overage at its own price pro rata, 0.18 × 120/180 = 0.12. June 24 is all
        // overage: 0.18. Overage: 120 + 180 s = 5 min, 0.30.
        invoice.Lines.Select(l => (l.Category, l.Description, l.Quantity, l.Amount.Amount)).ShouldBe(
        [
            (LineCategory.PlatformFee, "Bundle Voice platform fee", 1m, 20.00m),
            (LineCategory.IncludedUsage, "Starter minutes: 10 of 10 included minutes", 10m, 0.00m),
            (LineCategory.Usage, "Inbound calling minutes (4 calls)", 5m, 0.30m),
        ]);
        invoice.Total.Amount.ShouldBe(20.30m);
        await documents.ShouldMatchPdfAsync(invoice, summary.PdfDocument!);
    }

    [Fact]
    public async Task Close_GraduatedTiers_PricesThePeriodTotalTierByTier()
    {
        var plan = Plan("Tiered Voice", platformFee: 15m, numberFee: 0m);
        var tiers = new TierSchedule(UsageComponent.Telephony, TierMode.Graduated, [new Tier(5m, 0.10m), new Tier(10m, 0.08m), new Tier(null, 0.05m)]);
        plan = plan with { Versions = [plan.Versions[0] with { Tiers = [tiers] }] };
        var account = Account("tiers", plan);
        var number = CloseDriver.UniqueNumber();
        await driver.SeedAsync(plan, account, new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2025, 5, 1)));

        // Per started minute: 150 s → 3 min, 250 s → 5 min, 310 s → 6 min; 14 minutes in the period.
        await driver.PostInboundCallAsync(number, new LocalDate(2025, 6, 2), 150);
        await driver.PostInboundCallAsync(number, new LocalDate(2025, 6, 12), 250);
        await driver.PostInboundCallAsync(number, new LocalDate(2025, 6, 28), 310);
        await driver.WaitForUsageAsync(account.Id, June, expected: 3);

        var (summary, invoice) = await CloseJuneAsync(account);

        // Graduated: 5 min × 0.10 = 0.50, the next 5 × 0.08 = 0.40, the last 4 × 0.05 = 0.20; 1.10 in all.
        invoice.Lines.Select(l => (l.Category, l.Description, l.Quantity, l.Amount.Amount)).ShouldBe(
        [
            (LineCategory.PlatformFee, "Tiered Voice platform fee", 1m, 15.00m),
            (LineCategory.Usage, "calling minutes (graduated tiers)", 14m, 1.10m),
        ]);
        invoice.Total.Amount.ShouldBe(16.10m);
        await documents.ShouldMatchPdfAsync(invoice, summary.PdfDocument!);
    }

    private static UsageRate InboundRate(decimal perMinute) =>
        new(UsageComponent.Telephony, CallDirection.Inbound, perMinute, BillingIncrement.PerMinute);

    private static PricePlan Plan(string name, decimal platformFee, decimal numberFee) =>
        new(CloseDriver.UniqueId("plan"), name, "USD",
            [new PlanVersion(new LocalDate(2025, 1, 1), platformFee, numberFee, [InboundRate(0.06m)], new PerCallRounding())]);

    private static Account Account(string prefix, PricePlan plan) =>
        new(CloseDriver.UniqueId(prefix), $"{prefix} clinic", plan.Id, new BillingProfile("UTC", 1, "USD"));

    private async Task<(InvoiceSummary Summary, Invoice Invoice)> CloseJuneAsync(Account account)
    {
        var summary = await driver.CloseAsync(new CycleRequest(account.Id, June.Key));
        var invoice = await documents.ReadInvoiceAsync(summary.JsonDocument!);
        invoice.Number.ShouldBe(summary.Number);
        return (summary, invoice);
    }
}
