using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Events;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests;

/// <summary>Domain events of a close: written to the outbox by the step that produces them, published to <c>billing-events</c> once.</summary>
[Collection(AzuriteCollection.Name)]
public class DomainEventsTests(AzuriteFixture azurite, LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan Plan = new("events-plan", "Evented Voice", "USD",
    [
        new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 15m, NumberFee: 0m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    [Fact]
    public async Task Close_ThenRelayTwice_PublishesCycleStartedAndInvoiceFinalizedOnce()
    {
        var account = new Account($"events-{Guid.NewGuid():N}"[..19], "Evented Co", Plan.Id, new BillingProfile("Europe/Berlin", 10, "USD", 14));
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        var period = DuePeriods.LatestDue(account, SystemClock.Instance.GetCurrentInstant(), Duration.Zero)!.Value;
        var cycle = new CycleRequest(account.Id, period.Key);
        await host.Api.StartCloseAsync(cycle, CancellationToken.None);
        var invoice = await host.Api.WaitForCloseAsync(cycle, TimeSpan.FromMinutes(1), CancellationToken.None);

        var relay = host.Host.Services.GetRequiredService<OutboxRelay>();
        await relay.PublishPendingAsync(CancellationToken.None);
        await relay.PublishPendingAsync(CancellationToken.None);

        // The collection that follows the close announces its own events (a payment method is asked for).
        var events = (await DrainAsync()).Where(e => e.Subject == account.Id && !e.Type.StartsWith("payment", StringComparison.Ordinal) && !e.Type.StartsWith("dunning", StringComparison.Ordinal)).ToList();
        events.Select(e => e.Id).Order(StringComparer.Ordinal).ShouldBe(
        [
            $"cycle.started:{cycle.InstanceId}",
            $"invoice.finalized:{invoice.InvoiceId}",
        ]);
        var finalized = events.Single(e => e.Type == DomainEvent.InvoiceFinalized).Data.Deserialize<InvoiceFinalizedData>(BillingJson.Options)!;
        finalized.Number.ShouldBe(invoice.Number);
        finalized.Total.ShouldBe(15.00m);
        finalized.DueDate.ShouldBe(finalized.IssueDate.PlusDays(14));
        finalized.UsageCsvDocument.ShouldBe(invoice.UsageCsvDocument);
        finalized.UsageXlsxDocument.ShouldBe($"invoices/{account.Id}/{invoice.InvoiceId}.usage.xlsx");
        invoice.UsageXlsxDocument.ShouldBe(finalized.UsageXlsxDocument);

        // Each file by its keyed route (absolute, under the address the local host serves them at) and a signed link that reads it without a key.
        var route = $"{host.Host.BaseAddress}api/accounts/{account.Id}/invoices/{invoice.InvoiceId}";
        finalized.LinksRoute.ShouldBe(route + "/links");
        finalized.Documents.Select(d => (d.Kind, d.Route, d.LinkRoute)).ShouldBe(
        [
            ("pdf", route + "/documents/pdf", route + "/documents/pdf/link"),
            ("json", route + "/documents/json", route + "/documents/json/link"),
            ("csv", route + "/documents/csv", route + "/documents/csv/link"),
            ("xlsx", route + "/documents/xlsx", route + "/documents/xlsx/link"),
        ]);
        using var anonymous = new HttpClient();
        foreach (var document in finalized.Documents)
        {
            document.ExpiresAt!.Value.ShouldBeGreaterThan(SystemClock.Instance.GetCurrentInstant());
            using var download = await anonymous.GetAsync(document.Url);
            download.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, document.Kind);
        }

        using var pdf = await anonymous.GetAsync(finalized.Documents[0].Url);
        (await pdf.Content.ReadAsByteArrayAsync())[..5].ShouldBe("%PDF-"u8.ToArray());
    }

    /// <summary>Every message now in the queue (other tests' events too), removed so a later run starts clean.</summary>
    private async Task<List<DomainEvent>> DrainAsync()
    {
        var queue = azurite.Queues.GetQueueClient(StorageNames.BillingEventsQueue);
        var events = new List<DomainEvent>();
        while (true)
        {
            QueueMessage[] messages = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1));
            if (messages.Length == 0)
            {
                return events;
            }

            foreach (var message in messages)
            {
                events.Add(message.Body.ToObjectFromJson<DomainEvent>(BillingJson.Options)!);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}
