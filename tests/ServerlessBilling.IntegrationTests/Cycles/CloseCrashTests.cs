using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Pdf;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>
/// A close interrupted after its number was assigned and before its documents were rendered finishes on a new host
/// on the same task hub, with one number, one PDF and no gap in the sequence; a close run again after it completed
/// changes nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class CloseCrashTests(AzuriteFixture azurite)
{
    private static readonly BillingPeriod June = BillingPeriod.Containing(new LocalDate(2025, 6, 1), 1);

    private readonly ClosedInvoiceDocuments documents = new(azurite.Blobs);

    [Fact]
    public async Task Close_HostStoppedBetweenNumberAndRender_FinishesOnTheNextHostWithOneNumberAndOnePdf()
    {
        var hub = OwnBillingHost.NewTaskHub();
        var sequence = CloseDriver.UniqueId("seq");
        var plan = CrashPlan();
        var (before, crashed, after) = (Account("before", plan), Account("crashed", plan), Account("after", plan));
        var crashedInvoiceId = Invoice.IdFor(crashed.Id, June);
        var render = new FailingRender(crashed.Id);

        InvoiceSummary first;
        await using (var dying = await OwnBillingHost.StartAsync(hub, sequence,
            services => services.AddSingleton<IInvoiceRenderer>(p => render.Around(ActivatorUtilities.CreateInstance<InvoicePdfRenderer>(p)))))
        {
            foreach (var account in new[] { before, crashed, after })
            {
                await dying.Driver.SeedAsync(plan, account, new NumberAssignment(CloseDriver.UniqueNumber(), account.Id, NumberType.Local, new LocalDate(2025, 5, 1)));
            }

            first = await dying.Driver.CloseAsync(Cycle(before));
            await dying.Api.StartCloseAsync(Cycle(crashed), CancellationToken.None);
            await render.Reached.WaitAsync(TimeSpan.FromMinutes(2));
        }

        // The first host went away with the failed render's outcome still in flight, as a crash leaves it.
        // Between the hosts: the number is taken, nothing final is stored.
        (await AssignmentsAsync(sequence)).ShouldContainKey(crashedInvoiceId);
        (await documents.ListAsync(crashed.Id)).ShouldBe([$"{crashed.Id}/{crashedInvoiceId}.draft.json"]);

        await using var restarted = await OwnBillingHost.StartAsync(hub, sequence);
        var resumed = await restarted.Api.WaitForCloseAsync(Cycle(crashed), TimeSpan.FromMinutes(2), CancellationToken.None);
        var next = await restarted.Driver.CloseAsync(Cycle(after));

        (first.Number, resumed.Number, next.Number).ShouldBe(("INV-000001", "INV-000002", "INV-000003"));
        (await AssignmentsAsync(sequence)).Values.Order().ShouldBe(["INV-000001", "INV-000002", "INV-000003"]);
        (await documents.ListAsync(crashed.Id)).Order().ShouldBe(
            new[] { "draft.json", "json", "pdf", "usage.csv", "usage.xlsx" }.Select(e => $"{crashed.Id}/{crashedInvoiceId}.{e}"));
        var invoice = await documents.ReadInvoiceAsync(resumed.JsonDocument!);
        invoice.Number.ShouldBe("INV-000002");
        // Platform 20.00 and one local number held all month at 1.50: one line each, whatever was retried.
        invoice.Lines.Select(l => (l.Category, l.Description, l.Amount.Amount)).ShouldBe(
        [
            (LineCategory.PlatformFee, "Crash Voice platform fee", 20.00m),
            (LineCategory.Numbers, "Local numbers (1)", 1.50m),
        ]);
        resumed.Total.ShouldBe(21.50m);
        await documents.ShouldMatchPdfAsync(invoice, resumed.PdfDocument!);
    }

    [Fact]
    public async Task Close_RunAgainAfterCompletion_KeepsItsNumberAndDocuments()
    {
        var sequence = CloseDriver.UniqueId("seq");
        var plan = CrashPlan();
        var (account, later) = (Account("rerun", plan), Account("later", plan));
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), sequence);
        await host.Driver.SeedAsync(plan, account, new NumberAssignment(CloseDriver.UniqueNumber(), account.Id, NumberType.Local, new LocalDate(2025, 5, 1)));
        await host.Driver.SeedAsync(plan, later);
        var first = await host.Driver.CloseAsync(Cycle(account));
        var pdf = await PropertiesAsync(first.PdfDocument!);

        // The API starts nothing the second time.
        using var again = new HttpRequestMessage(HttpMethod.Post, $"api/cycles/{account.Id}/{June.Key}/close");
        again.Headers.Add("x-functions-key", host.ApiKey);
        using var refused = await host.Http.SendAsync(again);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("\"started\":false");

        // The engine runs the same close's steps again under another instance id, as a re-run of a completed close would.
        var client = host.Host.Services.GetRequiredService<DurableTaskClient>();
        var rerunId = await client.ScheduleNewOrchestrationInstanceAsync(CloseCycleOrchestration.Name, Cycle(account));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var rerun = await client.WaitForInstanceCompletionAsync(rerunId, getInputsAndOutputs: true, timeout.Token);
        var next = await host.Driver.CloseAsync(Cycle(later));

        rerun.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        rerun.ReadOutputAs<InvoiceSummary>()!.Number.ShouldBe("INV-000001");
        first.Number.ShouldBe("INV-000001");
        next.Number.ShouldBe("INV-000002"); // the re-run took no number
        (await PropertiesAsync(first.PdfDocument!)).ETag.ShouldBe(pdf.ETag); // written once, never replaced
        var invoice = await documents.ReadInvoiceAsync(first.JsonDocument!);
        invoice.Lines.Count.ShouldBe(2); // platform fee and the number, once each
        (await AssignmentsAsync(sequence)).Count.ShouldBe(2);
    }

    private async Task<Azure.Storage.Blobs.Models.BlobProperties> PropertiesAsync(string document)
    {
        var parts = document.Split('/', 2);
        return (await azurite.Blobs.GetBlobContainerClient(parts[0]).GetBlobClient(parts[1]).GetPropertiesAsync()).Value;
    }

    private static PricePlan CrashPlan() =>
        new(CloseDriver.UniqueId("plan"), "Crash Voice", "USD",
        [
            new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 20m, NumberFee: 1.50m,
                [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.05m, BillingIncrement.PerMinute)], new PerCallRounding()),
        ]);

    private static Account Account(string prefix, PricePlan plan) =>
        new(CloseDriver.UniqueId(prefix), $"{prefix} clinic", plan.Id, new BillingProfile("UTC", 1, "USD"));

    private static CycleRequest Cycle(Account account) => new(account.Id, June.Key);

    /// <summary>The sequence's assignment rows, invoice id → number (the counter row left out).</summary>
    private async Task<Dictionary<string, string>> AssignmentsAsync(string sequence)
    {
        var table = azurite.Tables.GetTableClient(StorageNames.InvoiceNumbersTable);
        var rows = new Dictionary<string, string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == sequence))
        {
            if (row.GetString("InvoiceId") is { } invoiceId)
            {
                rows.Add(invoiceId, row.GetString("Number"));
            }
        }

        return rows;
    }
}
