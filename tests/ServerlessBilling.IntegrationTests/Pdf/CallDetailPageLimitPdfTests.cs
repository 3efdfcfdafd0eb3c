using System.Collections;
using NodaTime;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Pdf;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;
using UglyToad.PdfPig;
using static ServerlessBilling.IntegrationTests.Pdf.InvoiceUsageFixtures;

namespace ServerlessBilling.IntegrationTests.Pdf;

/// <summary>Itemized calls stop at <see cref="InvoiceSeller.CallDetailPageLimit"/> pages, read back from the PDF: the calls
/// listed are the first ones, and a note closing the last call page counts the rest and says they are in the usage CSV and XLSX.</summary>
public class CallDetailPageLimitPdfTests
{
    private static readonly InvoiceBranding Branding = new("Northwind Voice", "12 Harbour Road|Portland, OR 97201", "#C0392B");

    private static readonly string[] Numbers = ["+12085550101", "+12085550102", "+12085550103"];

    private static List<List<string>> RowsByPage(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(page => page.GetWords()
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(row => row.Key)
            .Select(row => string.Join(' ', row.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))).ToList())];
    }

    private static Invoice Invoice(string accountId, int calls) =>
        new Invoice($"{accountId}-20261001", accountId, "Acme Dental", October, "USD",
        [
            new(LineCategory.Usage, $"Outbound calling minutes ({calls} calls)", calls * 3, "min", 0.02m, new Money(calls * 0.06m, "USD")),
        ]).Finalize("INV-000042", new LocalDate(2026, 11, 2), 15);

    /// <summary>A page's rows as one text, so a note wrapped over several lines reads as written.</summary>
    private static string Text(List<string> page) => string.Join(' ', page);

    private static bool IsCall(string row) => row.StartsWith("2026-1", StringComparison.Ordinal);

    [Fact]
    public void RenderPdf_MoreCallsThanTwoPagesHold_ListsTwoPagesAndCountsTheRest()
    {
        var account = Account("acme", "Acme Dental", "America/Boise", itemized: true);
        var usage = UsageDetail.Of(October, account, Plan, Calls("acme", Numbers, connected: 60, attempts: 2));

        var pages = RowsByPage(new InvoicePdfRenderer(Branding, BrandingLogo.None, new InvoiceSeller(CallDetailPageLimit: 2)).RenderPdf(Invoice("acme", 186), usage));
        var rows = pages.SelectMany(p => p).ToList();

        // Without the limit the 186 calls take 5 pages (see InvoiceUsagePdfTests); here the bill, then 2 pages of calls.
        var callPages = pages.Where(p => p.Any(IsCall)).ToList();
        callPages.Count.ShouldBe(2);
        pages.IndexOf(callPages[1]).ShouldBe(pages.Count - 1);
        var listed = rows.Count(IsCall);
        listed.ShouldBe(94);
        // The first calls, in order: the first number's 62 calls, then the second number's first 32.
        rows.First(IsCall).ShouldBe("2026-10-05 09:00 +12085550101 +13125550142 2:05 3 0.06");
        rows.Where(IsCall).Count(r => r.Contains(" +12085550102 ", StringComparison.Ordinal)).ShouldBe(32);
        rows.ShouldNotContain(r => IsCall(r) && r.Contains(" +12085550103 ", StringComparison.Ordinal));
        Text(pages[^1]).ShouldContain(
            "Call detail stops at 2 pages: 94 of 186 calls are listed above. The other 92 calls are in this invoice's usage CSV and XLSX, one row each.");
        pages[^1].ShouldContain("Page 3 of 3");
    }

    [Fact]
    public void RenderPdf_ConsolidatedInvoicePastTheLimit_CountsEachLocationsCallsLeft()
    {
        var east = Account("harbor", "Harbor East", "America/Boise", itemized: true);
        var west = Account("harbor-west", "Harbor West", "America/Los_Angeles", itemized: false) with { ParentAccountId = "harbor" };
        var usage = UsageDetail.Consolidated(October,
        [
            new LocationBill(east, Plan, [], Calls("harbor", ["+12085550101"], connected: 50, attempts: 0)),
            new LocationBill(west, Plan, [], Calls("harbor-west", ["+15035550111"], connected: 10, attempts: 0)),
        ]);

        var pages = RowsByPage(new InvoicePdfRenderer(Branding, BrandingLogo.None, new InvoiceSeller(CallDetailPageLimit: 1)).RenderPdf(Invoice("harbor", 60), usage));
        var rows = pages.SelectMany(p => p).ToList();

        // One page for East's calls; West would start a page of its own, so none of its calls are drawn.
        rows.ShouldContain("Call detail, Harbor East (times in America/Boise)");
        rows.ShouldNotContain(row => row.StartsWith("Call detail, Harbor West", StringComparison.Ordinal));
        var listed = rows.Count(IsCall);
        listed.ShouldBe(45);
        Text(pages[^1]).ShouldContain(
            "Call detail stops at 1 page: 45 of 60 calls are listed above. The other 15 calls (Harbor East 5, Harbor West 10) are in this invoice's usage CSV and XLSX, one row each.");
    }

    [Fact]
    public void RenderPdf_HundredThousandCalls_RendersTheLimitsPagesOnly()
    {
        const int calls = 100_000;
        var account = Account("bulk", "Bulk Dialer", "America/Boise", itemized: true);
        var usage = UsageDetail.Of(October, account, Plan, new GeneratedCalls("bulk", calls));

        var pdf = new InvoicePdfRenderer(Branding, BrandingLogo.None, InvoiceSeller.None).RenderPdf(Invoice("bulk", calls), usage);
        var pages = RowsByPage(pdf);
        var rows = pages.SelectMany(p => p).ToList();

        pages.Count(p => p.Any(IsCall)).ShouldBe(InvoiceSeller.DefaultCallDetailPageLimit);
        var listed = rows.Count(IsCall);
        // 49 rows on an A4 page, less the first's section title and the last's room for the note.
        listed.ShouldBe(2_446);
        Text(pages[^1]).ShouldContain(
            "Call detail stops at 50 pages: 2,446 of 100,000 calls are listed above. The other 97,554 calls are in this invoice's usage CSV and XLSX, one row each.");
    }

    /// <summary>Connected calls from one number a minute apart, made as they are read, so a large account costs no fixture memory.</summary>
    private sealed class GeneratedCalls(string accountId, int count) : IReadOnlyList<RatedUsage>
    {
        private static readonly Instant Start = Instant.FromUtc(2026, 10, 1, 15, 0);

        public int Count => count;

        public RatedUsage this[int index] => new(
            new UsageEvent($"{accountId}-{index:0000000}", "test", $"c{index}", Start + Duration.FromSeconds(20 * index), 125, CallDirection.Outbound,
                "+12085550101", "+13125550142", UsageComponent.Telephony, true),
            accountId, October.Key, new Charge(180, new Money(0.06m, "USD"), 0.02m, Plan.Id, "2026-01-01"));

        public IEnumerator<RatedUsage> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
