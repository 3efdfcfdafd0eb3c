using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Invoicing;

/// <summary>A parent's consolidated invoice: each location built with its own plan, labelled, taxed where it is, and subtotalled.</summary>
public class GroupInvoiceTests
{
    private static readonly BillingPeriod November = BillingPeriod.Containing(new LocalDate(2026, 11, 1), 1);
    private static readonly PostalAddress Portland = new("1 SW Main St", "Portland", "OR", "97204", "US");
    private static readonly PostalAddress Seattle = new("1 Pike St", "Seattle", "WA", "98101", "US");

    // Platform fee 10, numbers 1.00 each, inbound at 0.05 per started minute.
    private static readonly PricePlan Lite = new("lite", "Lite", "USD",
    [
        new PlanVersion(new LocalDate(2026, 1, 1), PlatformFee: 10m, NumberFee: 1m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.05m, BillingIncrement.PerMinute),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    private static readonly Account Parent = TestPlans.Acme with { GroupBilling = GroupBilling.Consolidated, ServiceAddress = Portland };
    private static readonly Account North = new("acme-north", "North", "standard", TestPlans.Acme.Billing) { ParentAccountId = "acme" };
    private static readonly Account South = new("acme-south", "South", "lite", TestPlans.Acme.Billing, Seattle) { ParentAccountId = "acme" };

    private static LocationBill Bill(Account account, PricePlan plan, string number, params int[] inboundSeconds) => new(
        account,
        plan,
        [new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2026, 1, 1))],
        [.. inboundSeconds.Select((seconds, i) => Rated(account, plan, $"{account.Id}-{i}", seconds))]);

    private static RatedUsage Rated(Account account, PricePlan plan, string id, int seconds)
    {
        var call = TestPlans.Call(id, Instant.FromUtc(2026, 11, 10, 15, 0), seconds);
        return new RatedUsage(call, account.Id, November.Key, Rater.Rate(call, plan, account.Billing.Zone).Value);
    }

    private static LocationBill ParentBill => new(Parent, TestPlans.Standard, [], []);

    [Fact]
    public async Task BuildAsync_TwoLocationsOnDifferentPlans_CarriesEachLocationsLinesUnderItsName()
    {
        // Parent: platform fee 49.00. North (Standard): 49.00 + one local number 1.50 + 83 s → 2 min × 0.012 = 0.024 → 0.02.
        // South (Lite): 10.00 + one local number 1.00 + 200 s → 4 min × 0.05 = 0.20.
        var invoice = await GroupInvoice.BuildAsync(
            ParentBill, [Bill(South, Lite, "+12065550100", 200), Bill(North, TestPlans.Standard, "+15035550100", 83)], November,
            new NoTaxes(), CancellationToken.None);

        invoice.Id.ShouldBe("acme-20261101");
        invoice.Lines.Select(l => (l.Location, l.Category, l.Amount.Amount)).ShouldBe(
        [
            ("Acme Dental", LineCategory.PlatformFee, 49.00m),
            ("North", LineCategory.PlatformFee, 49.00m),
            ("North", LineCategory.Numbers, 1.50m),
            ("North", LineCategory.Usage, 0.02m),
            ("South", LineCategory.PlatformFee, 10.00m),
            ("South", LineCategory.Numbers, 1.00m),
            ("South", LineCategory.Usage, 0.20m),
        ]);
        invoice.Lines.Single(l => l is { Location: "South", Category: LineCategory.PlatformFee }).Description.ShouldBe("Lite platform fee");
        invoice.Subtotals.ShouldBe(
        [
            new LocationSubtotal("Acme Dental", new Money(49.00m, "USD")),
            new LocationSubtotal("North", new Money(50.52m, "USD")),
            new LocationSubtotal("South", new Money(11.20m, "USD")),
        ]);
        invoice.Total.ShouldBe(new Money(110.72m, "USD"));
    }

    [Fact]
    public async Task BuildAsync_LocationSubtotals_SumToTheTotalOfTheLines()
    {
        var invoice = await GroupInvoice.BuildAsync(
            ParentBill, [Bill(North, TestPlans.Standard, "+15035550100", 61, 7, 299), Bill(South, Lite, "+12065550100", 1, 59, 121)], November,
            new TenPercentByCity(), CancellationToken.None);

        invoice.Subtotals.Sum(s => s.Amount.Amount).ShouldBe(invoice.Total.Amount);
        invoice.Total.Amount.ShouldBe(invoice.Lines.Sum(l => l.Amount.Amount));
    }

    [Fact]
    public async Task BuildAsync_TwoLocationsWithOneName_EachKeepsItsOwnSubtotal()
    {
        // Two branches both called "Main Street": North 49.00 + 1.50 + 0.02 = 50.52; the other 10.00 + 1.00 + 0.20 = 11.20.
        var twin = South with { Name = "Main Street" };
        var invoice = await GroupInvoice.BuildAsync(
            ParentBill, [Bill(North with { Name = "Main Street" }, TestPlans.Standard, "+15035550100", 83), Bill(twin, Lite, "+12065550100", 200)], November,
            new NoTaxes(), CancellationToken.None);

        invoice.Subtotals.Select(s => (s.Location, s.Amount.Amount)).ShouldBe(
            [("Acme Dental", 49.00m), ("Main Street (acme-north)", 50.52m), ("Main Street (acme-south)", 11.20m)]);
    }

    [Fact]
    public async Task BuildAsync_Taxes_AreCalculatedPerLocationAtItsAddressOrElseTheParents()
    {
        // 10% of each location's lines at its own address: parent 49.00 → 4.90 (Portland); North has no address,
        // so Portland: 50.52 → 5.052 → 5.05; South in Seattle: 11.20 → 1.12.
        var calculator = new TenPercentByCity();

        var invoice = await GroupInvoice.BuildAsync(
            ParentBill, [Bill(North, TestPlans.Standard, "+15035550100", 83), Bill(South, Lite, "+12065550100", 200)], November,
            calculator, CancellationToken.None);

        calculator.Requests.Select(r => (r.AccountId, r.ServiceAddress.City)).ShouldBe(
            [("acme", "Portland"), ("acme-north", "Portland"), ("acme-south", "Seattle")]);
        invoice.Lines.Where(l => l.Category == LineCategory.Taxes).Select(l => (l.Location, l.Description, l.Amount.Amount)).ShouldBe(
        [
            ("Acme Dental", "Test tax (Portland)", 4.90m),
            ("North", "Test tax (Portland)", 5.05m),
            ("South", "Test tax (Seattle)", 1.12m),
        ]);
        invoice.Subtotals.Select(s => s.Amount.Amount).ShouldBe([53.90m, 55.57m, 12.32m]);
        invoice.Total.ShouldBe(new Money(121.79m, "USD"));
    }

    [Fact]
    public async Task BuildAsync_NoLocations_IsTheAccountsOwnInvoiceWithoutLabels()
    {
        var own = Bill(TestPlans.Acme, TestPlans.Standard, "+15035550100", 83);

        var invoice = await GroupInvoice.BuildAsync(own, [], November, new NoTaxes(), CancellationToken.None);

        invoice.ShouldBeEquivalentTo(InvoiceBuilder.Build(own.Account, own.Plan, November, own.Numbers, own.Usage));
        invoice.Subtotals.ShouldBe([new LocationSubtotal(null, new Money(50.52m, "USD"))]);
    }

    [Fact]
    public async Task BuildAsync_LocationsTaxNotices_CarriedOverEachNamingItsLocation()
    {
        var invoice = await GroupInvoice.BuildAsync(
            ParentBill, [Bill(North, TestPlans.Standard, "+15035550100", 83), Bill(South, Lite, "+12065550100", 200)], November,
            new NoticeByCity(), CancellationToken.None);

        invoice.TaxNotices.Select(n => (n.Location, n.Detail)).ShouldBe(
            [("Acme Dental", "no rate in Portland"), ("North", "no rate in Portland"), ("South", "no rate in Seattle")]);
    }

    [Fact]
    public async Task BuildAsync_TwoLocationsInAStateNoTableCovers_OneNoticeNamingBoth()
    {
        // The parent and North (no address: taxed at the parent's) are in Portland, South in Seattle (Washington's table covers it).
        var calculator = new TableTaxCalculator(TaxTableLoader.LoadBundled(), TaxSettings.Default);

        var invoice = await GroupInvoice.BuildAsync(
            ParentBill, [Bill(North, TestPlans.Standard, "+15035550100", 83), Bill(South, Lite, "+12065550100", 200)], November,
            calculator, CancellationToken.None);

        invoice.TaxNotices.Where(n => n.Reason == TaxNoticeReason.JurisdictionNotCovered).ShouldBe(
        [
            new TaxNotice("US-OR", TaxNoticeReason.JurisdictionNotCovered,
                "no tax table covers Portland, OR: only the federal rules were applied; store a table for the state if taxes are owed there")
            {
                Date = "2026-12-01",
                Location = "Acme Dental, North",
            },
        ]);
    }

    /// <summary>No taxes, one missing-rate notice naming the service address's city.</summary>
    private sealed class NoticeByCity : ITaxCalculator
    {
        public ValueTask<TaxResult> CalculateAsync(TaxRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new TaxResult([], [new TaxNotice("test", TaxNoticeReason.NoRateForDate, "no rate in " + request.ServiceAddress.City)]));
    }

    /// <summary>Answers every request with no taxes.</summary>
    private sealed class NoTaxes : ITaxCalculator
    {
        public ValueTask<TaxResult> CalculateAsync(TaxRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new TaxResult([], []));
    }

    /// <summary>One line of 10% of the taxable items, named after the service address's city, so each request is visible on the invoice.</summary>
    private sealed class TenPercentByCity : ITaxCalculator
    {
        public List<TaxRequest> Requests { get; } = [];

        public ValueTask<TaxResult> CalculateAsync(TaxRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            var taxable = request.Items.Sum(i => i.Amount.Amount);
            var unrounded = taxable * 0.10m;
            var line = new TaxLine("test", request.ServiceAddress.City, request.ServiceAddress.City, JurisdictionLevel.City,
                TaxKind.SalesOrCommunicationsTax, "Test tax", null, taxable, 0.10m, null, 0m, unrounded,
                new Money(unrounded, request.Currency).RoundToMinorUnit(RoundingMode.HalfUp), Form499Category.EndUserTelecom);
            return ValueTask.FromResult(new TaxResult([line], []));
        }
    }
}
