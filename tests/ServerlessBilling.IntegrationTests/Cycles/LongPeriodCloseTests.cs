using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.IntegrationTests.Upstream;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>A period long enough that the close reads its usage through a spool sorted in runs and merged (here every 500 rows,
/// over several table pages): the invoice, its usage CSV and its XLSX are what the same rows held in a list give, row for row,
/// whether each call has a row of its own or a CDR file's calls share rows fifty at a time.</summary>
[Collection(AzuriteCollection.Name)]
public class LongPeriodCloseTests(AzuriteFixture azurite)
{
    private const int Calls = 3_500;
    private const int SpoolAbove = 500;
    private static readonly BillingPeriod June = BillingPeriod.Containing(new LocalDate(2025, 6, 1), 1);

    private readonly ClosedInvoiceDocuments documents = new(azurite.Blobs);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Close_PeriodLongerThanTheSpoolsRuns_InvoiceCsvAndXlsxMatchTheLedgerRowForRow(bool packed)
    {
        var plan = new PricePlan(CloseDriver.UniqueId("plan"), "Long Voice", "USD",
        [
            new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 20m, NumberFee: 0m,
                [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.0123m, BillingIncrement.PerSecond),
                 new UsageRate(UsageComponent.Telephony, CallDirection.Outbound, 0.0171m, BillingIncrement.PerSecond)], new PerCallRounding())
            {
                Bundles = [new Bundle("Included minutes", 900)],
            },
        ]);
        var account = new Account(CloseDriver.UniqueId("long"), "Long clinic", plan.Id, new BillingProfile("America/Chicago", 1, "USD"));
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), CloseDriver.UniqueId("seq"),
            services => services.AddSingleton<IUsageLedger>(p => new TableUsageLedger(p.GetRequiredService<TableServiceClient>(), SpoolAbove)));
        await host.Driver.SeedAsync(plan, account);
        var ledger = host.Host.Services.GetRequiredService<IUsageLedger>();
        foreach (var (index, batch) in Usage(account, plan).Chunk(100).Index())
        {
            var recording = packed
                ? ledger.TryRecordAllAsync(batch, Deliveries(firstLine: (index * 100) + 1, batch.Length), CancellationToken.None)
                : ledger.TryRecordAllAsync(batch, CancellationToken.None);
            (await recording).ShouldAllBe(recorded => recorded);
        }

        var packs = 0;
        await foreach (var _ in azurite.Tables.GetTableClient(StorageNames.UsageTable).QueryAsync<TableEntity>(
            UsagePacks.PacksOf(TableKeys.Escape($"{account.Id}|{June.Key}")), select: ["RowKey"]))
        {
            packs++;
        }

        packs.ShouldBe(packed ? Calls / UsagePacks.CallsAPack : 0);

        var summary = await host.Driver.CloseAsync(new CycleRequest(account.Id, June.Key));

        // What the rows give held in a list, in the table's order (a period this short is listed that way).
        var rows = await new TableUsageLedger(azurite.Tables).ListAsync(account.Id, June, CancellationToken.None);
        rows.ShouldNotBeAssignableTo<ICallOrderedUsage>();
        rows.Count.ShouldBe(Calls);
        var invoice = await documents.ReadInvoiceAsync(summary.JsonDocument!);
        var listed = InvoiceBuilder.Build(account, plan, June, [], rows);
        invoice.Lines.Where(IsUsage).ShouldBe(listed.Lines.Where(IsUsage).Select(l => l with { Location = null }));
        invoice.Lines.Count(IsUsage).ShouldBe(3); // the bundle's line and one per direction
        var expected = new StringWriter { NewLine = "\r\n" };
        await UsageDetailCsv.WriteAsync(expected, invoice, UsageDetail.Of(June, account, plan, rows), CancellationToken.None);
        var csv = Encoding.UTF8.GetString(await DownloadAsync(summary.UsageCsvDocument!)).Split("\r\n");
        csv.ShouldBe(expected.ToString().Split("\r\n"));
        csv.Length.ShouldBe(Calls + 3); // header, calls, total, and the empty string after the last line end

        var calls = Spreadsheet.Read(await DownloadAsync(summary.UsageXlsxDocument!))["Calls"];
        calls.Count.ShouldBe(Calls + 2);
        calls.Select(r => r[0]).Skip(1).Take(Calls).ShouldBe(csv.Skip(1).Take(Calls).Select(line => line.Split(',')[0]));
        calls.Select(r => r[11]).Skip(1).Take(Calls).ShouldBe(csv.Skip(1).Take(Calls).Select(line => line.Split(',')[11]));
    }

    /// <summary>The claims' deliveries of a CDR file's batch of calls, so the ledger keeps them fifty to a row.</summary>
    private static string[] Deliveries(int firstLine, int count)
    {
        var batch = new CdrBatch("asterisk/long.csv", "\"0x1\"", firstLine, firstLine + count - 1, CdrBatch.WholeWindow).DeliveryName;
        return [.. Enumerable.Range(0, count).Select(k => $"{batch}|test#{k}")];
    }

    private static bool IsUsage(InvoiceLine line) => line.Category is LineCategory.Usage or LineCategory.IncludedUsage;

    /// <summary>Calls over the month, many starting in the same minute (ties go by event id), in no particular order of id.</summary>
    private static IEnumerable<RatedUsage> Usage(Account account, PricePlan plan)
    {
        var random = new Random(20250601);
        for (var i = 0; i < Calls; i++)
        {
            var start = June.Start.At(new LocalTime(8, 0)).PlusMinutes(random.Next(29 * 24 * 6)).InZoneLeniently(account.Billing.Zone).ToInstant();
            var inbound = random.Next(2) == 0;
            var id = $"long-{random.Next(1_000_000):D6}-{i}";
            var call = new UsageEvent(id, "test", id, start, random.Next(0, 600), inbound ? CallDirection.Inbound : CallDirection.Outbound,
                inbound ? "+13125550100" : "+15055550100", inbound ? "+15055550100" : "+13125550100", UsageComponent.Telephony, true);
            yield return new RatedUsage(call, account.Id, June.Key, Rater.Rate(call, plan, account.Billing.Zone).Value);
        }
    }

    private async Task<byte[]> DownloadAsync(string document)
    {
        var parts = document.Split('/', 2);
        return (await azurite.Blobs.GetBlobContainerClient(parts[0]).GetBlobClient(parts[1]).DownloadContentAsync()).Value.Content.ToArray();
    }
}
