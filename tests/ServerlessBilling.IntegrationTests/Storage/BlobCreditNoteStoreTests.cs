using NodaTime;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Paging;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class BlobCreditNoteStoreTests(AzuriteFixture azurite)
{
    private readonly BlobCreditNoteStore store = new(azurite.Blobs);

    [Fact]
    public async Task ReserveAsync_ConcurrentNotes_NeverTogetherCreditMoreThanTheLimit()
    {
        var account = "cn-" + Guid.NewGuid().ToString("N")[..8];
        // 21.50 to credit, ten notes of 5.00 at once: four fit, six are refused.
        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            store.ReserveAsync(account, "inv-1", $"inv-1-cn-{i}", earlier => Credit(earlier, 5m, limit: 21.50m), CancellationToken.None)));

        results.Count(r => r.Problems.Count == 0).ShouldBe(4);
        results.Count(r => r.Problems.Count == 1).ShouldBe(6);
    }

    [Fact]
    public async Task ReserveAsync_SameNoteAgain_KeepsItsFirstLinesWithoutCheckingAgain()
    {
        var account = "cn-" + Guid.NewGuid().ToString("N")[..8];
        var first = await store.ReserveAsync(account, "inv-1", "inv-1-cn-a", earlier => Credit(earlier, 20m, limit: 21.50m), CancellationToken.None);
        var again = await store.ReserveAsync(account, "inv-1", "inv-1-cn-a", earlier => Credit(earlier, 20m, limit: 21.50m), CancellationToken.None);
        var other = await store.ReserveAsync(account, "inv-1", "inv-1-cn-b", earlier => Credit(earlier, 2m, limit: 21.50m), CancellationToken.None);

        (first.Problems.Count, again.Problems.Count, other.Problems.Count).ShouldBe((0, 0, 1));
        again.Lines.ShouldBe(first.Lines);
    }

    [Fact]
    public async Task ListPageAsync_FiveNotesOnTwoInvoices_PagesOfTwoInIdOrderSkippingTheCreditsAndPdfs()
    {
        var account = "cn-" + Guid.NewGuid().ToString("N")[..8];
        var ids = new[] { "inv-2-cn-b", "inv-1-cn-a", "inv-2-cn-a", "inv-1-cn-c", "inv-1-cn-b" };
        foreach (var id in ids)
        {
            var invoice = id[..5];
            await store.ReserveAsync(account, invoice, id, earlier => Credit(earlier, 1m, limit: 100m), CancellationToken.None);
            await store.SaveAsync(Note(account, invoice, id), new byte[] { 1, 2, 3 }, CancellationToken.None);
        }

        var pages = await Pages.AllAsync(2, page => store.ListPageAsync(account, page, CancellationToken.None));
        var other = await store.ListPageAsync("cn-" + Guid.NewGuid().ToString("N")[..8], PageRequest.First(), CancellationToken.None);

        pages.SelectMany(p => p.Items).Select(n => n.Id).ShouldBe(ids.Order(StringComparer.Ordinal));
        Pages.Sizes(pages).ShouldBe([2, 2, 1]);
        Samples.Json(pages[0].Items[0]).ShouldBe(Samples.Json(Note(account, "inv-1", "inv-1-cn-a")));
        (other.Items.Count, other.HasMore).ShouldBe((0, false));
    }

    private static CreditNote Note(string account, string invoice, string id) =>
        new(id, "CN-" + id[^1..], account, "Listed Clinic", invoice, "INV-" + invoice[^1..], "USD", "Goodwill",
            [new CreditNoteLine("credit", new Money(1m, "USD"))], new LocalDate(2026, 11, 2), "key-" + id);

    private static CreditPlan Credit(IReadOnlyList<CreditNoteLine> earlier, decimal amount, decimal limit) =>
        earlier.Sum(l => l.Amount.Amount) + amount <= limit
            ? new CreditPlan([new CreditNoteLine("credit", new Money(amount, "USD"))], [])
            : new CreditPlan([], [new RecordProblem("amount", "exceeds what is left")]);
}
