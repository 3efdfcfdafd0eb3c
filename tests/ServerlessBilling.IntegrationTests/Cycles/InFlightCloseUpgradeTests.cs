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

/// <summary>A close finishes on the activities it was started with, even after a hold for tax data: one started before the two-activity
/// sequence (its input has no step version) through four, one started with two through two; a close started now runs one, and when that
/// comes back held it goes on through the two from where it stopped. A collection started with the earlier input (the request only) opens
/// its receivable in its first activity; one started by a close now begins with the receivable the close opened.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class InFlightCloseUpgradeTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ClosesStartedBeforeTheUpgrade_HeldForTaxData_FinishOnTheirOwnActivities_ANewCloseRunsOne()
    {
        var hub = OwnBillingHost.NewTaskHub();
        await using var host = await OwnBillingHost.StartAsync(hub, "upgr-" + Guid.NewGuid().ToString("N")[..8]);
        var scenarios = new TaxNoticeScenarios(azurite, host);
        var client = host.Host.Services.GetRequiredService<DurableTaskClient>();
        try
        {
            await scenarios.PutTableOkAsync(scenarios.Document(("U", TaxNoticeScenarios.PlatformTax(versions: TaxNoticeScenarios.Version("2020-01-01", "2021-01-01", "\"rate\": 0.01")))));

            // The inputs as the earlier versions scheduled them: the account and period only, then with two steps.
            var four = await scenarios.StartCloseAsync("U", start: cycle => client.ScheduleNewOrchestrationInstanceAsync(
                CloseCycleOrchestration.Name, new CycleRequest(cycle.AccountId, cycle.PeriodStart), new StartOrchestrationOptions(cycle.InstanceId)));
            var two = await scenarios.StartCloseAsync("U", start: cycle => client.ScheduleNewOrchestrationInstanceAsync(
                CloseCycleOrchestration.Name, new CloseCycleInput(cycle.AccountId, cycle.PeriodStart, CloseCycleInput.TwoActivities), new StartOrchestrationOptions(cycle.InstanceId)));
            var one = await scenarios.StartCloseAsync("U");
            foreach (var cycle in new[] { four, two, one })
            {
                var held = await host.Api.WaitForCloseStatusAsync(cycle, Timeout, s => s.AwaitingTaxData is not null, CancellationToken.None);
                (held.RuntimeStatus, held.CustomStatus).ShouldBe(("Running", TaxDataHold.Status));
            }

            await scenarios.PutTableOkAsync(scenarios.Document(("U", TaxNoticeScenarios.PlatformTax(versions: TaxNoticeScenarios.Version("2020-01-01", null, "\"rate\": 0.01")))));
            var invoice = await host.Api.WaitForCloseAsync(four, Timeout, CancellationToken.None);
            var invoiceTwo = await host.Api.WaitForCloseAsync(two, Timeout, CancellationToken.None);
            var invoiceOne = await host.Api.WaitForCloseAsync(one, Timeout, CancellationToken.None);
            new[] { invoice.Number, invoiceTwo.Number, invoiceOne.Number }.Order().ShouldBe(["INV-000001", "INV-000002", "INV-000003"]);
            (invoice.Total, invoiceTwo.Total, invoiceOne.Total).ShouldBe((12.12m, 12.12m, 12.12m));
            (await ActivitiesScheduledAsync(hub, four.InstanceId)).ShouldBe(
                [CycleActivities.DraftInvoice, CycleActivities.DraftInvoice, CycleActivities.AssignInvoiceNumber, CycleActivities.FinalizeInvoice, CycleActivities.StartCollection]);
            (await ActivitiesScheduledAsync(hub, two.InstanceId)).ShouldBe(
                [CycleActivities.DraftAndNumberInvoice, CycleActivities.DraftAndNumberInvoice, CycleActivities.IssueInvoice]);
            // Held before numbering: drafted again and issued staged, the hold's draft not drafted twice.
            (await ActivitiesScheduledAsync(hub, one.InstanceId)).ShouldBe(
                [CycleActivities.CloseInvoice, CycleActivities.DraftAndNumberInvoice, CycleActivities.IssueInvoice]);

            // Its collection was started with the earlier input (the request only), so it opens the receivable in its first activity.
            var earlierCollection = new CollectionRequest(invoice.AccountId, invoice.InvoiceId).CollectionId;
            (await FirstActivitiesAsync(hub, earlierCollection)).First().ShouldBe(PaymentActivities.OpenCollection);
            (await ReceivableAsync(host, invoice.InvoiceId)).CollectionId.ShouldBe(earlierCollection);

            var current = await scenarios.StartCloseAsync(null);
            var currentInvoice = await host.Api.WaitForCloseAsync(current, Timeout, CancellationToken.None);
            currentInvoice.Number.ShouldBe("INV-000004");
            (await ActivitiesScheduledAsync(hub, current.InstanceId)).ShouldBe([CycleActivities.CloseInvoice]);

            // The current close opened the receivable as it issued the invoice: its collection begins with the opened state.
            var currentCollection = new CollectionRequest(currentInvoice.AccountId, currentInvoice.InvoiceId).CollectionId;
            var receivable = await ReceivableAsync(host, currentInvoice.InvoiceId);
            (receivable.CollectionId, receivable.Number, receivable.Total.Amount).ShouldBe((currentCollection, "INV-000004", currentInvoice.Total));
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
