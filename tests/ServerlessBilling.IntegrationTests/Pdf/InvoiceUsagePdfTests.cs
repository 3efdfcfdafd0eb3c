using NodaTime;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Pdf;
using UglyToad.PdfPig;
using static ServerlessBilling.IntegrationTests.Pdf.InvoiceUsageFixtures;

namespace ServerlessBilling.IntegrationTests.Pdf;

/// <summary>The calls on the invoice PDF, read back row by row: a summary per number (per location on a consolidated invoice),
/// itemized call pages under repeated column headers when the account asks for them, sub-cent attempt charges shown as they
/// are, and what was paid before issue taken off the balance due.</summary>
public class InvoiceUsagePdfTests
{
    private static readonly InvoiceBranding Branding = new("Northwind Voice", "12 Harbour Road|Portland, OR 97201", "#C0392B");

    private static readonly InvoiceSeller Seller = new(Email: "billing@northwind.example", Paper: PaperSize.Letter);

    private static readonly string[] Numbers = ["+12085550101", "+12085550102", "+12085550103"];

    private static Money Usd(decimal amount) => new(amount, "USD");

    private static List<List<string>> RowsByPage(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(page => page.GetWords()
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(row => row.Key)
            .Select(row => string.Join(' ', row.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))).ToList())];
    }

    [Fact]
    public void RenderPdf_ItemizedAccount_SummarizesEachNumberAndListsEveryCallOnPagesWithHeaders()
    {
        var account = Account("acme", "Acme Dental", "America/Boise", itemized: true);
        var usage = UsageDetail.Of(October, account, Plan, Calls("acme", Numbers, connected: 60, attempts: 2));
        InvoiceLine[] lines =
        [
            new(LineCategory.PlatformFee, "Voice platform fee", 1, "month", 49m, Usd(49m)),
            new(LineCategory.Usage, "Outbound calling minutes (186 calls)", 540, "min", 0.02m, Usd(10.82m)),
            new(LineCategory.Adjustments, "Service credit", 1, "adjustment", null, Usd(-5m)) { AdjustmentId = "manual:1" },
            new(LineCategory.Adjustments, "Overpayment of invoice INV-000041", 1, "adjustment", null, Usd(-12.50m))
            {
                AdjustmentId = InvoiceAdjustments.OverpaymentId("acme-20260901", "chq-1"),
            },
            new(LineCategory.Taxes, "Sales tax (Idaho)", 3.10m, "USD", 0.07m, Usd(0.22m)),
        ];
        var invoice = new Invoice("acme-20261001", "acme", "Acme Dental", October, "USD", lines).Finalize("INV-000042", new LocalDate(2026, 11, 2), 15);

        var pages = RowsByPage(new InvoicePdfRenderer(Branding, BrandingLogo.None, Seller).RenderPdf(invoice, usage));
        var rows = pages.SelectMany(p => p).ToList();

        // The bill and the summary, the notes, then 186 calls at 45 a page.
        pages.Count.ShouldBe(7);
        for (var i = 0; i < pages.Count; i++)
        {
            pages[i].ShouldContain("Northwind Voice · Invoice INV-000042 · Acme Dental");
            pages[i].ShouldContain($"Page {i + 1} of 7");
        }

        // Paid before issue: 49 + 10.82 = 59.82; + 0.22 - 5.00 = 55.04 due; 12.50 already paid; 42.54 left.
        rows.ShouldContain("Subtotal before taxes USD 59.82");
        rows.ShouldContain("Credits applied USD -5.00");
        rows.ShouldContain("Total due USD 55.04");
        rows.ShouldContain("Amount paid USD 12.50");
        rows.ShouldContain("Balance due USD $42.54");
        // Per number: 60 × 0.06 + 2 × 0.004 = 3.608, shown exactly.
        rows.ShouldContain("Usage by number");
        rows.ShouldContain("Number Calls Charged minutes Amount (USD)");
        foreach (var number in Numbers)
        {
            rows.ShouldContain($"{number} 62 (2 attempts) 180 3.608");
        }

        rows.ShouldContain("Total 186 (6 attempts) 540 10.824");
        rows.ShouldContain(row => row.StartsWith("An attempt is a call that did not connect", StringComparison.Ordinal));
        // Call pages: times in the account's zone (15:00Z is 09:00 MDT), column headers on every page that lists calls.
        rows.ShouldContain("Call detail (times in America/Boise)");
        rows.ShouldContain("2026-10-05 09:00 +12085550101 +13125550142 2:05 3 0.06");
        rows.ShouldContain("2026-10-06 15:00 +12085550101 +13125550142 0:00 attempt 0.004");
        rows.ShouldNotContain(row => row.EndsWith(" 0.00", StringComparison.Ordinal) && row.Contains("attempt", StringComparison.Ordinal));
        rows.Count(r => r.StartsWith("2026-10-", StringComparison.Ordinal)).ShouldBe(186);
        var callPages = pages.Where(p => p.Any(r => r.StartsWith("2026-10-", StringComparison.Ordinal))).ToList();
        callPages.Count.ShouldBe(5);
        callPages.ShouldAllBe(p => p.Contains("Date and time From To Duration Charged min Amount (USD)"));
        callPages.Skip(1).ShouldAllBe(p => p.Contains("Call detail (continued)"));
    }

    [Fact]
    public void RenderPdf_ConsolidatedGroupInvoice_SummarizesEachLocationsNumbers()
    {
        var east = Account("harbor", "Harbor East", "America/Boise", itemized: true);
        var west = Account("harbor-west", "Harbor West", "America/Los_Angeles", itemized: false) with { ParentAccountId = "harbor" };
        var usage = UsageDetail.Consolidated(October,
        [
            new LocationBill(east, Plan, [], Calls("harbor", ["+12085550101"], connected: 10, attempts: 1)),
            new LocationBill(west, Plan, [], Calls("harbor-west", ["+15035550111", "+15035550112"], connected: 5, attempts: 0)),
        ]);
        InvoiceLine[] lines =
        [
            new(LineCategory.Usage, "Outbound calling minutes (11 calls)", 30, "min", 0.02m, Usd(0.60m)) { Location = "Harbor East" },
            new(LineCategory.Usage, "Outbound calling minutes (10 calls)", 30, "min", 0.02m, Usd(0.60m)) { Location = "Harbor West" },
        ];
        var invoice = new Invoice("harbor-20261001", "harbor", "Harbor Dental Group", October, "USD", lines).Finalize("INV-000050", new LocalDate(2026, 11, 2), 0);

        var pages = RowsByPage(new InvoicePdfRenderer(Branding, BrandingLogo.None, Seller).RenderPdf(invoice, usage));
        var rows = pages.SelectMany(p => p).ToList();

        rows.ShouldContain("Usage by number, Harbor East");
        rows.ShouldContain("+12085550101 11 (1 attempt) 30 0.604");
        rows.ShouldContain("Total 11 (1 attempt) 30 0.604");
        rows.ShouldContain("Usage by number, Harbor West");
        rows.ShouldContain("+15035550111 5 15 0.30");
        rows.ShouldContain("+15035550112 5 15 0.30");
        rows.ShouldContain("Total 10 30 0.60");
        // The parent asks for itemized calls: each location's calls in its own zone (15:00Z is 08:00 PDT).
        rows.ShouldContain("Call detail, Harbor East (times in America/Boise)");
        rows.ShouldContain("Call detail, Harbor West (times in America/Los_Angeles)");
        rows.ShouldContain("2026-10-05 08:00 +15035550111 +13125550142 2:05 3 0.06");
        rows.Count(r => r.StartsWith("2026-10-", StringComparison.Ordinal)).ShouldBe(21);
        // The bill with both summaries, the notes, then each location's calls on pages of their own.
        pages.Count.ShouldBe(4);
        for (var i = 0; i < pages.Count; i++)
        {
            pages[i].ShouldContain($"Page {i + 1} of 4");
        }
    }
}
