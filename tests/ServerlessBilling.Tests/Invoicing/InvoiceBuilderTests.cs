using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Invoicing;

public class InvoiceBuilderTests
{
    private static readonly BillingPeriod November = BillingPeriod.Containing(new LocalDate(2026, 11, 1), 1);
    private static readonly DateTimeZone Chicago = DateTimeZoneProviders.Tzdb["America/Chicago"];

    private static RatedUsage Rated(string id, int seconds, CallDirection direction = CallDirection.Inbound, bool answered = true)
    {
        var usage = TestPlans.Call(id, Instant.FromUtc(2026, 11, 10, 15, 0), seconds, direction, answered);
        return new RatedUsage(usage, "acme", November.Key, Rater.Rate(usage, TestPlans.Standard, Chicago).Value);
    }

    private static readonly NumberAssignment[] Numbers =
    [
        new("+18885550100", "acme", NumberType.TollFree, new LocalDate(2026, 1, 1)),
        new("+13125550100", "acme", NumberType.Local, new LocalDate(2026, 11, 20)),
        new("+13125550199", "acme", NumberType.Local, new LocalDate(2026, 1, 1), Until: new LocalDate(2026, 10, 1)),
    ];

    [Fact]
    public void Build_AccountWithBillingContact_AddressesTheInvoiceToIt()
    {
        var contact = new BillingContact("Dana Reyes", "ap@acme.example", "+12085550100", new BillingAddress(["500 Main St"], "Boise", "ID", "83702", "US"), "PO-7781", "12-3456789");

        var invoice = InvoiceBuilder.Build(TestPlans.Acme with { Contact = contact }, TestPlans.Standard, November, Numbers, []);

        invoice.BillTo.ShouldBe(contact);
        InvoiceBuilder.Build(TestPlans.Acme, TestPlans.Standard, November, Numbers, []).BillTo.ShouldBeNull();
    }

    [Fact]
    public void Build_PlanNumbersAndUsage_MakesLinesComputedByHand()
    {
        // Toll-free number all period: 1.50; local number from Nov 20: 11 of 30 days (20th to 30th) × 1.50 = 0.55.
        // Inbound 83 s → 2 min, 200 s → 4 min: 6 min × 0.012 = 0.072 → 0.07.
        // Outbound 37 s → 42 s: 0.015; 10 s → 30 s: 0.010 + 0.001 = 0.011; unanswered: 0.0025 → 0.0285 → 0.03.
        var usage = new[] { Rated("a", 83), Rated("b", 200), Rated("c", 37, CallDirection.Outbound), Rated("d", 10, CallDirection.Outbound), Rated("e", 0, CallDirection.Outbound, answered: false) };

        var invoice = InvoiceBuilder.Build(TestPlans.Acme, TestPlans.Standard, November, Numbers, usage);

        invoice.Id.ShouldBe("acme-20261101");
        invoice.Lines.Select(l => (l.Category, l.Quantity, l.Amount.Amount)).ShouldBe(
        [
            (LineCategory.PlatformFee, 1m, 49.00m),
            (LineCategory.Numbers, 0.3667m, 0.55m),
            (LineCategory.Numbers, 1m, 1.50m),
            (LineCategory.Usage, 6m, 0.07m),
            (LineCategory.Usage, 1.2m, 0.03m),
        ]);
        invoice.Total.ShouldBe(new Money(51.15m, "USD"));
    }

    [Fact]
    public void Total_IsTheSumOfRoundedLines_WhateverTheOrderOfUsage()
    {
        var usage = Enumerable.Range(1, 40).Select(i => Rated($"u{i}", (i * 37) % 300)).ToList();
        var forward = InvoiceBuilder.Build(TestPlans.Acme, TestPlans.Standard, November, Numbers, usage);
        usage.Reverse();
        var backward = InvoiceBuilder.Build(TestPlans.Acme, TestPlans.Standard, November, Numbers, usage);

        forward.Total.Amount.ShouldBe(forward.Lines.Sum(l => l.Amount.Amount));
        backward.ShouldBeEquivalentTo(forward);
    }

    [Fact]
    public void Finalize_TwiceThrows_AndSetsDueDateFromNetTerms()
    {
        var invoice = InvoiceBuilder.Build(TestPlans.Acme, TestPlans.Standard, November, Numbers, []).Finalize("INV-000001", new LocalDate(2026, 12, 1), 15);
        invoice.DueDate.ShouldBe(new LocalDate(2026, 12, 16));
        Should.Throw<InvalidOperationException>(() => invoice.Finalize("INV-000002", new LocalDate(2026, 12, 1), 15));
    }
}
