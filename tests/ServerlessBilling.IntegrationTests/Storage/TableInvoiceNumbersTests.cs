using ServerlessBilling.Invoicing;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public class TableInvoiceNumbersTests(AzuriteFixture azurite)
{
    private static readonly InvoiceNumberFormat Format = new("T-", 4);

    private TableInvoiceNumbers Numbers(string sequence) => new(azurite.Tables, new InvoiceNumberingOptions(sequence, Format.Prefix, Format.Digits));

    [Fact]
    public async Task AssignAsync_ConcurrentInvoices_GetGaplessUniqueNumbers()
    {
        var numbers = Numbers("gapless" + Guid.NewGuid().ToString("N")[..8]);
        var invoices = Enumerable.Range(1, 25).Select(i => $"inv-{i}").ToList();

        var assigned = await Task.WhenAll(invoices.Select(id => numbers.AssignAsync(id, CancellationToken.None)));

        assigned.Order().ShouldBe(Enumerable.Range(1, 25).Select(n => Format.Format(n)));
    }

    [Fact]
    public async Task AssignAsync_SameInvoiceAgain_ReturnsItsFirstNumber()
    {
        var numbers = Numbers("retry" + Guid.NewGuid().ToString("N")[..8]);
        var first = await numbers.AssignAsync("inv-a", CancellationToken.None);
        var again = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => numbers.AssignAsync("inv-a", CancellationToken.None)));
        var next = await numbers.AssignAsync("inv-b", CancellationToken.None);

        again.ShouldAllBe(n => n == first);
        first.ShouldBe("T-0001");
        next.ShouldBe("T-0002");
    }
}
