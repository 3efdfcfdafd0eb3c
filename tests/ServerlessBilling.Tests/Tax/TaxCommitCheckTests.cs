using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Tests.Tax;

/// <summary>The taxes a service committed for a numbered invoice compared with what the invoice bills: per location and kind, as
/// billed, each difference a <see cref="TaxNoticeReason.CommitDiffers"/> notice naming both amounts.</summary>
public class TaxCommitCheckTests
{
    private static readonly BillingPeriod October = BillingPeriod.Containing(new LocalDate(2026, 10, 1), 1);

    private static InvoiceLine Tax(TaxKind kind, decimal amount, string? location = null, string rule = "afc-250-3-377300") =>
        new InvoiceLine(LineCategory.Taxes, $"{kind} (Seattle, WA)", 1m, "line", amount, new Money(amount, "USD"))
        {
            Location = location,
            Tax = new TaxLine(rule, "US-WA", "Seattle, WA", JurisdictionLevel.City, kind, kind.ToString(), null, 0m, null, amount, 1m, amount,
                new Money(amount, "USD"), Form499Category.EndUserTelecom),
        };

    private static Invoice Numbered(params InvoiceLine[] taxes) =>
        new(Invoice.IdFor("acme", October), "acme", "Acme", October, "USD",
            [new(LineCategory.PlatformFee, "Platform fee", 1m, "month", 12m, new Money(12m, "USD")), .. taxes], Number: "INV-000007");

    [Fact]
    public void Differences_SameTaxesPerKind_None()
    {
        // Split over two lines on one side and one on the other: compared as the sum per kind.
        var invoice = Numbered(Tax(TaxKind.Emergency911, 0.75m), Tax(TaxKind.Emergency911, 0.75m), Tax(TaxKind.SalesOrCommunicationsTax, 0.72m));
        var committed = Numbered(Tax(TaxKind.Emergency911, 1.50m), Tax(TaxKind.SalesOrCommunicationsTax, 0.72m));

        TaxCommitCheck.Differences(invoice, committed).ShouldBeEmpty();
    }

    [Fact]
    public void Differences_RateChangedForOneKind_OneNoticeWithBothAmountsAndTheInvoiceDate()
    {
        var invoice = Numbered(Tax(TaxKind.Emergency911, 1.50m), Tax(TaxKind.SalesOrCommunicationsTax, 0.72m));
        var committed = Numbered(Tax(TaxKind.Emergency911, 1.60m), Tax(TaxKind.SalesOrCommunicationsTax, 0.72m));

        var notice = TaxCommitCheck.Differences(invoice, committed).ShouldHaveSingleItem();

        (notice.RuleKey, notice.Reason, notice.Date, notice.Location, notice.Table).ShouldBe(
            ("committed:Emergency911", TaxNoticeReason.CommitDiffers, "2026-11-01", (string?)null, (string?)null));
        notice.Detail.ShouldBe("the tax service committed 1.60 USD for invoice INV-000007 where the invoice bills 1.50 USD: a rate changed between the draft and numbering");
    }

    [Fact]
    public void Differences_KindOnlyOneSideHas_TheOtherCountsAsZero_OrderedByLocationThenKind()
    {
        var invoice = Numbered(Tax(TaxKind.Emergency911, 1.50m, "Bellevue"), Tax(TaxKind.StateUsf, 2.00m, "Airport"));
        var committed = Numbered(Tax(TaxKind.Emergency911, 1.50m, "Bellevue"), Tax(TaxKind.Crisis988, 0.40m, "Bellevue"));

        TaxCommitCheck.Differences(invoice, committed).Select(n => (n.Location, n.RuleKey, n.Detail)).ShouldBe(
        [
            ("Airport", "committed:StateUsf", "the tax service committed 0.00 USD for invoice INV-000007 where the invoice bills 2.00 USD: a rate changed between the draft and numbering"),
            ("Bellevue", "committed:Crisis988", "the tax service committed 0.40 USD for invoice INV-000007 where the invoice bills 0.00 USD: a rate changed between the draft and numbering"),
        ]);
    }

    [Fact]
    public void Differences_SameKindInTwoLocations_ComparedPerLocation()
    {
        // The totals agree (3.00 each side) but each location's do not: both are told.
        var invoice = Numbered(Tax(TaxKind.Emergency911, 1.50m, "Airport"), Tax(TaxKind.Emergency911, 1.50m, "Bellevue"));
        var committed = Numbered(Tax(TaxKind.Emergency911, 1.00m, "Airport"), Tax(TaxKind.Emergency911, 2.00m, "Bellevue"));

        TaxCommitCheck.Differences(invoice, committed).Select(n => (n.Location, n.RuleKey)).ShouldBe(
            [("Airport", "committed:Emergency911"), ("Bellevue", "committed:Emergency911")]);
    }
}
