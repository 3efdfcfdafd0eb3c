using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Cycles;
using ServerlessBilling.Functions.Payments;
using ServerlessBilling.IntegrationTests.Tax;
using ServerlessBilling.Payments;
using Microsoft.DurableTask;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>A close started before the two-activity sequence was deployed (its input has no step version) finishes through the four
/// activities it began with, even after a hold for tax data; a close started now runs two. A collection started with the earlier input
/// (the request only) opens its receivable in its first activity; one started by a close now begins with the receivable the close opened.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class InFlightCloseUpgradeTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task CloseStartedBeforeTheUpgrade_HeldForTaxData_FinishesThroughItsFourActivities_ANewCloseRunsTwo()
    {
        var hub = OwnBillingHost.NewTaskHub();
        await using var host = await OwnBillingHost.StartAsync(hub, "upgr-" + Guid.NewGuid().ToString("N")[..8]);
        var scenarios = new TaxNoticeScenarios(azurite, host);
        var client = host.Host.Services.GetRequiredService<DurableTaskClient>();
        try
        {
            await scenarios.PutTableOkAsync(scenarios.Document(("U", TaxNoticeScenarios.PlatformTax(versions: TaxNoticeScenarios.Version("2020-01-01", "2021-01-01", "\"rate\": 0.01")))));

            // The input as the earlier version scheduled it: the account and period only.
            var earlier = await scenarios.StartCloseAsync("U", start: cycle => client.ScheduleNewOrchestrationInstanceAsync(
                CloseCycleOrchestration.Name, new CycleRequest(cycle.AccountId, cycle.PeriodStart), new StartOrchestrationOptions(cycle.InstanceId)));
            var held = await host.Api.WaitForCloseStatusAsync(earlier, Timeout, s => s.AwaitingTaxData is not null, CancellationToken.None);
            (held.RuntimeStatus, held.CustomStatus).ShouldBe(("Running", TaxDataHold.Status));

            await scenarios.PutTableOkAsync(scenarios.Document(("U", TaxNoticeScenarios.PlatformTax(versions: TaxNoticeScenarios.Version("2020-01-01", null, "\"rate\": 0.01")))));
            var invoice = await host.Api.WaitForCloseAsync(earlier, Timeout, CancellationToken.None);
            (invoice.Number, invoice.Total).ShouldBe(("INV-000001", 12.12m));
            (await ActivitiesScheduledAsync(hub, earlier.InstanceId)).ShouldBe(
                [CycleActivities.DraftInvoice, CycleActivities.DraftInvoice, CycleActivities.AssignInvoiceNumber, CycleActivities.FinalizeInvoice, CycleActivities.StartCollection]);

            // Its collection was started with the earlier input (the request only), so it opens the receivable in its first activity.
            var earlierCollection = new CollectionRequest(invoice.AccountId, invoice.InvoiceId).CollectionId;
            (await FirstActivitiesAsync(hub, earlierCollection)).First().ShouldBe(PaymentActivities.OpenCollection);
            (await ReceivableAsync(host, invoice.InvoiceId)).CollectionId.ShouldBe(earlierCollection);

            var current = await scenarios.StartCloseAsync(null);
            var currentInvoice = await host.Api.WaitForCloseAsync(current, Timeout, CancellationToken.None);
            currentInvoice.Number.ShouldBe("INV-000002");
            (await ActivitiesScheduledAsync(hub, current.InstanceId)).ShouldBe([CycleActivities.DraftAndNumberInvoice, CycleActivities.IssueInvoice]);

            // The current close opened the receivable as it issued the invoice: its collection begins with the opened state.
            var currentCollection = new CollectionRequest(currentInvoice.AccountId, currentInvoice.InvoiceId).CollectionId;
            var receivable = await ReceivableAsync(host, currentInvoice.InvoiceId);
            (receivable.CollectionId, receivable.Number, receivable.Total.Amount).ShouldBe((currentCollection, "INV-000002", currentInvoice.Total));
            await WaitForCustomStatusAsync(client, currentCollection);
            (await ActivitiesScheduledAsync(hub, currentCollection)).ShouldNotContain(PaymentActivities.OpenCollection);
        }
        finally
        {
            await scenarios.DeleteTableAsync();
        }
    }

    /// <summary>The activities the instance scheduled, once it scheduled at least one.</summary>
    private async Task<string[]> FirstActivitiesAsync(string hub, string instanceId)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var scheduled = await ActivitiesScheduledAsync(hub, instanceId);
            if (scheduled.Length > 0 || DateTime.UtcNow > deadline)
            {
                return scheduled;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The collection's custom status once it has one (it has run its first decision).</summary>
    private static async Task<string> WaitForCustomStatusAsync(DurableTaskClient client, string instanceId)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, CancellationToken.None);
            if (instance?.SerializedCustomStatus is { } status)
            {
                return status;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"collection {instanceId} has no status yet: {instance?.RuntimeStatus} {instance?.FailureDetails}");
            await Task.Delay(200);
        }
    }

    private static async Task<Receivable> ReceivableAsync(OwnBillingHost host, string invoiceId) =>
        (await host.Host.Services.GetRequiredService<IReceivables>().FindAsync(invoiceId, CancellationToken.None)).ShouldNotBeNull();

    /// <summary>The activities the engine's history records for the instance, in the order they were scheduled.</summary>
    private async Task<string[]> ActivitiesScheduledAsync(string hub, string instanceId)
    {
        var history = azurite.Tables.GetTableClient(hub + "History");
        var scheduled = new List<(long Id, string Name)>();
        await foreach (var row in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and EventType eq 'TaskScheduled'")))
        {
            scheduled.Add((row.GetInt32("EventId") ?? -1, row.GetString("Name")));
        }

        return [.. scheduled.OrderBy(s => s.Id).Select(s => s.Name)];
    }
}
