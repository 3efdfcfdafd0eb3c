using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Payments;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Payments;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>A worker that goes down after the invoice was rendered and before it was charged: the next host on the same
/// task hub charges it once, and the invoice keeps its one number and one PDF.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectionCrashTests(AzuriteFixture azurite)
{
    private static readonly BillingPeriod July = BillingPeriod.Containing(new LocalDate(2026, 7, 1), 1);

    private readonly ClosedInvoiceDocuments documents = new(azurite.Blobs);

    [Fact]
    public async Task Close_HostStoppedBetweenRenderAndPayment_ChargesOnceOnTheNextHost()
    {
        await using var stripe = await StripeTestServer.StartAsync();
        var hub = OwnBillingHost.NewTaskHub();
        var sequence = CloseDriver.UniqueId("seq");
        var plan = new PricePlan(CloseDriver.UniqueId("plan"), "Crash Pay Voice", "USD",
        [
            new PlanVersion(new LocalDate(2026, 1, 1), PlatformFee: 42m, NumberFee: 0m,
                [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.05m, BillingIncrement.PerMinute)], new PerCallRounding()),
        ]);
        var account = new Account(CloseDriver.UniqueId("paycrash"), "paycrash clinic", plan.Id, new BillingProfile("UTC", 1, "USD", 0));
        var invoiceId = Invoice.IdFor(account.Id, July);
        var failing = new FailingCharge(account.Id);

        await using (var dying = await OwnBillingHost.StartAsync(hub, sequence, services =>
        {
            services.AddSingleton(stripe.Options());
            services.AddKeyedSingleton<IPaymentGateway>(PaymentGatewayNames.Stripe, (p, _) => failing.Around(new StripePaymentGateway(p.GetRequiredService<StripeOptions>(), p.GatewayHttpClient(PaymentGatewayNames.Stripe))));
        }))
        {
            await dying.Driver.SeedAsync(plan, account);
            await dying.Api.SetPaymentMethodAsync(account.Id, "pm_crash_visa", CancellationToken.None);
            await dying.Api.StartCloseAsync(new CycleRequest(account.Id, July.Key), CancellationToken.None);
            await failing.Reached.WaitAsync(TimeSpan.FromMinutes(2));
        }

        // Between the hosts: the invoice is final and rendered, nothing was charged.
        stripe.PaymentIntentCreates.ShouldBeEmpty();
        (await documents.ListAsync(account.Id)).ShouldContain($"{account.Id}/{invoiceId}.pdf");

        await using var restarted = await OwnBillingHost.StartAsync(hub, sequence, services => services.AddSingleton(stripe.Options()));
        var result = await WaitForCollectionAsync(restarted, new CollectionRequest(account.Id, invoiceId).CollectionId);
        var invoice = await restarted.Api.GetInvoiceAsync(account.Id, invoiceId, CancellationToken.None);

        result.Paid.ShouldBeTrue();
        var charge = stripe.PaymentIntentCreates.ShouldHaveSingleItem();
        (charge.IdempotencyKey, charge.Amount).ShouldBe(($"invoice-{invoiceId}-attempt-1", 4200L));
        invoice.Invoice.Number.ShouldBe("INV-000001");
        invoice.Payments!.Entries.ShouldHaveSingleItem().Status.ShouldBe(PaymentEntryStatus.Succeeded);
        (await documents.ListAsync(account.Id)).Count(name => name.EndsWith(".pdf", StringComparison.Ordinal)).ShouldBe(1);
        (await NumbersAsync(sequence)).ShouldBe(["INV-000001"]);
    }

    private static async Task<CollectionResult> WaitForCollectionAsync(OwnBillingHost host, string collectionId)
    {
        var client = host.Host.Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var done = await client.WaitForInstanceCompletionAsync(collectionId, getInputsAndOutputs: true, timeout.Token);
        return done.ReadOutputAs<CollectionResult>()!;
    }

    private async Task<List<string>> NumbersAsync(string sequence)
    {
        var numbers = new List<string>();
        await foreach (var row in azurite.Tables.GetTableClient(StorageNames.InvoiceNumbersTable).QueryAsync<TableEntity>(e => e.PartitionKey == sequence))
        {
            if (row.GetString("InvoiceId") is not null)
            {
                numbers.Add(row.GetString("Number"));
            }
        }

        return numbers;
    }

    /// <summary>A worker going down as it was about to charge one account: the charge never reaches the gateway.</summary>
    private sealed class FailingCharge(string accountId) : IPaymentGateway
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private IPaymentGateway inner = null!;

        public Task Reached => reached.Task;

        public IPaymentGateway Around(IPaymentGateway gateway)
        {
            inner = gateway;
            return this;
        }

        public Task<string> EnsureCustomerAsync(string id, string name, CancellationToken cancellationToken) => inner.EnsureCustomerAsync(id, name, cancellationToken);

        public Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, CancellationToken cancellationToken) =>
            inner.SetDefaultPaymentMethodAsync(customerId, paymentMethodId, cancellationToken);

        public Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, string attempt, CancellationToken cancellationToken) =>
            inner.SetDefaultPaymentMethodAsync(customerId, paymentMethodId, attempt, cancellationToken);

        public Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
        {
            if (request.AccountId != accountId)
            {
                return inner.ChargeAsync(request, cancellationToken);
            }

            reached.TrySetResult();
            throw new IOException($"The worker went down before charging {request.InvoiceId}.");
        }
    }
}
