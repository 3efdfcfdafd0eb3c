using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
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

    [Fact]
    public async Task AssignAsync_TwoInstancesAtOnceWithRetries_NumberEachInvoiceOnceWithoutGaps()
    {
        var sequence = "hosts" + Guid.NewGuid().ToString("N")[..8];
        TableInvoiceNumbers[] hosts = [Numbers(sequence), Numbers(sequence)];
        var invoices = Enumerable.Range(1, 250).Select(i => $"inv-{i}").ToList();

        // Each invoice asks on one instance (125 each: more than one transaction holds), and every third asks again on the other,
        // as a close retried on another instance would, all at once.
        var asks = invoices.Select((id, i) => (Id: id, Host: hosts[i % 2]))
            .Concat(invoices.Select((id, i) => (Id: id, Host: hosts[(i + 1) % 2], Again: i % 3 == 0)).Where(a => a.Again).Select(a => (a.Id, a.Host)));
        var assigned = await Task.WhenAll(asks.Select(async a => (a.Id, Number: await a.Host.AssignAsync(a.Id, CancellationToken.None))));

        assigned.Length.ShouldBe(250 + 84);
        assigned.GroupBy(a => a.Id).ShouldAllBe(g => g.Select(a => a.Number).Distinct().Count() == 1);
        assigned.DistinctBy(a => a.Id).Select(a => a.Number).Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(1, 250).Select(n => Format.Format(n)));
        (await Numbers(sequence).AssignAsync("inv-next", CancellationToken.None)).ShouldBe(Format.Format(251));
    }

    [Fact]
    public async Task AssignAsync_InvoicesAskingWithinTheWindow_NumberedInOneTransaction()
    {
        var requests = new BatchCounter();
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        var numbers = new TableInvoiceNumbers(
            new TableServiceClient(azurite.ConnectionString, options), new InvoiceNumberingOptions("window" + Guid.NewGuid().ToString("N")[..8], Format.Prefix, Format.Digits),
            groupWindow: TimeSpan.FromSeconds(2));

        // One close asks, two more a moment later, one after the other: the first waits the window for them.
        var first = numbers.AssignAsync("inv-a", CancellationToken.None);
        await Task.Delay(100);
        var second = numbers.AssignAsync("inv-b", CancellationToken.None);
        await Task.Delay(100);
        var third = numbers.AssignAsync("inv-c", CancellationToken.None);

        (await Task.WhenAll(first, second, third)).ShouldBe(["T-0001", "T-0002", "T-0003"]);
        requests.Batches.ShouldBe(1);
        (await numbers.AssignAsync("inv-d", CancellationToken.None)).ShouldBe("T-0004");
        requests.Batches.ShouldBe(2);
    }

    [Fact]
    public async Task AssignAsync_CounterMovedByAnotherInstance_ContinuesAfterItsNumbers()
    {
        var sequence = "moved" + Guid.NewGuid().ToString("N")[..8];
        var (first, second) = (Numbers(sequence), Numbers(sequence));
        (await first.AssignAsync("inv-a", CancellationToken.None)).ShouldBe("T-0001");
        (await second.AssignAsync("inv-b", CancellationToken.None)).ShouldBe("T-0002");

        // The first instance's counter is stale now: its next transaction fails on the ETag and it reads the counter again.
        (await first.AssignAsync("inv-c", CancellationToken.None)).ShouldBe("T-0003");
        (await first.AssignAsync("inv-b", CancellationToken.None)).ShouldBe("T-0002");
        (await second.AssignAsync("inv-d", CancellationToken.None)).ShouldBe("T-0004");
    }

    private sealed class BatchCounter : HttpPipelineSynchronousPolicy
    {
        private int batches;

        public int Batches => Volatile.Read(ref batches);

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref batches);
            }
        }
    }
}
