using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Payments;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.IntegrationTests.Payments.AuthorizeNet;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.Payments;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>
/// One local host for the collection scenarios, charging through a <see cref="StripeTestServer"/> (and an
/// <see cref="AuthorizeNetTestServer"/> for accounts on Authorize.Net) and receiving webhooks signed with the test's own secrets. Each scenario seeds its own account with a dunning policy in seconds, closes August
/// 2026 (a 50.00 USD platform fee) and watches the invoice's collection.
/// </summary>
public class PaymentsHost : IAsyncLifetime
{
    public static readonly BillingPeriod August = BillingPeriod.Containing(new LocalDate(2026, 8, 1), 1);
    public static readonly BillingPeriod September = BillingPeriod.Containing(new LocalDate(2026, 9, 1), 1);

    /// <summary>Retries 2 and 4 seconds after the first failure; due a month after issue, so no overdue notice unless a scenario asks.</summary>
    public static readonly DunningPolicy FastPolicy = DunningPolicy.Default with
    {
        RetryDelays = [Duration.FromSeconds(2), Duration.FromSeconds(4)],
        ReminderLead = Duration.FromSeconds(1),
        OverdueAfter = Duration.FromDays(30),
        WriteOffAfter = Duration.FromDays(365),
    };

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public string WebhookSecret { get; } = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public StripeTestServer Stripe { get; private set; } = null!;

    /// <summary>The Authorize.Net Signature Key webhooks are signed with: 128 hex digits, like the real ones.</summary>
    public string AuthorizeNetSignatureKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(64));

    public AuthorizeNetTestServer AuthorizeNet { get; private set; } = null!;

    /// <summary>Accounts whose first charge the gateway sends and then loses its answer, as a crash after Stripe accepted it would.</summary>
    public CrashAfterChargeGateway.Targets CrashAfterCharge { get; } = new();

    internal OwnBillingHost Host { get; private set; } = null!;

    public BillingApiClient Api => Host.Api;

    public IServiceProvider Services => Host.Host.Services;

    /// <summary>The durable engine's task hub, whose history tables the tests read.</summary>
    public string TaskHub { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stripe = await StripeTestServer.StartAsync();
        AuthorizeNet = await AuthorizeNetTestServer.StartAsync();
        TaskHub = OwnBillingHost.NewTaskHub();
        Host = await OwnBillingHost.StartAsync(TaskHub, CloseDriver.UniqueId("pay"), services =>
        {
            services.AddSingleton(Stripe.Options(WebhookSecret));
            services.AddSingleton(AuthorizeNet.Options(AuthorizeNetSignatureKey));
            services.AddKeyedSingleton<IPaymentGateway>(PaymentGatewayNames.Stripe, (p, _) => new CrashAfterChargeGateway(new StripePaymentGateway(p.GetRequiredService<StripeOptions>(), p.GatewayHttpClient(PaymentGatewayNames.Stripe)), CrashAfterCharge));
            ConfigureServices(services);
        });
    }

    /// <summary>Runs after the host's own registrations, for a fixture that adds to them (exporters that keep what the host emits).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Stripe.DisposeAsync();
        await AuthorizeNet.DisposeAsync();
    }

    /// <summary>A plan of 50.00 USD a month and an account on it with <paramref name="policy"/>; with <paramref name="paymentMethodId"/> set as its card
    /// (or bank account) at <paramref name="gateway"/> (null: the default, Stripe).</summary>
    public async Task<Account> SeedAsync(
        string prefix, DunningPolicy policy, string? paymentMethodId, CollectionMethod collection = CollectionMethod.ChargeAutomatically, string? gateway = null)
    {
        var plan = new PricePlan(CloseDriver.UniqueId("plan"), "Collect Voice", "USD",
        [
            new PlanVersion(new LocalDate(2026, 1, 1), PlatformFee: 50m, NumberFee: 0m,
                [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.05m, BillingIncrement.PerMinute)], new PerCallRounding()),
        ]);
        var account = new Account(CloseDriver.UniqueId(prefix), $"{prefix} clinic", plan.Id, new BillingProfile("UTC", 1, "USD", 0, collection)) { Dunning = policy };
        await Host.Driver.SeedAsync(plan, account);
        if (paymentMethodId is not null)
        {
            await Api.SetPaymentMethodAsync(account.Id, paymentMethodId, gateway, CancellationToken.None);
        }

        return account;
    }

    public Task<InvoiceSummary> CloseAsync(Account account, BillingPeriod period) => Host.Driver.CloseAsync(new CycleRequest(account.Id, period.Key));

    /// <summary>Polls the invoice's payment history until <paramref name="reached"/> holds.</summary>
    public async Task<PaymentHistoryView> WaitForPaymentsAsync(InvoiceSummary invoice, Func<PaymentHistoryView, bool> reached)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var view = await Api.GetInvoiceAsync(invoice.AccountId, invoice.InvoiceId, CancellationToken.None);
            if (view.Payments is { } payments && reached(payments))
            {
                return payments;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Invoice {invoice.InvoiceId} did not reach the expected payments: {System.Text.Json.JsonSerializer.Serialize(view.Payments)}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Waits for the collection orchestration to end and returns its result.</summary>
    public async Task<CollectionResult> WaitForCollectionAsync(string collectionId)
    {
        var client = Services.GetRequiredService<DurableTaskClient>();
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var instance = await client.GetInstanceAsync(collectionId, getInputsAndOutputs: true);
            if (instance is { IsCompleted: true })
            {
                instance.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, instance.FailureDetails?.ErrorMessage);
                return instance.ReadOutputAs<CollectionResult>()!;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Collection {collectionId} is still {instance?.RuntimeStatus}: {instance?.SerializedCustomStatus}");
            }

            await Task.Delay(250);
        }
    }

    public async Task<Account> AccountAsync(string accountId) =>
        (await Services.GetRequiredService<IAccountDirectory>().FindAsync(accountId, CancellationToken.None))!;

    /// <summary>The activities the engine's history records for the instance, in the order they were scheduled.</summary>
    public async Task<string[]> ActivitiesScheduledAsync(string instanceId)
    {
        var history = new TableClient(AzuriteFixture.Options.ConnectionString, TaskHub + "History");
        var scheduled = new List<(long Id, string Name)>();
        await foreach (var row in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and EventType eq 'TaskScheduled'")))
        {
            scheduled.Add((row.GetInt32("EventId") ?? -1, row.GetString("Name")));
        }

        return [.. scheduled.OrderBy(s => s.Id).Select(s => s.Name)];
    }

    /// <summary>Waits until the collection's custom status says what <paramref name="reached"/> looks for, and returns it.</summary>
    public async Task<string> WaitForCollectionStatusAsync(string collectionId, Func<string, bool> reached)
    {
        var client = Services.GetRequiredService<DurableTaskClient>();
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var instance = await client.GetInstanceAsync(collectionId, getInputsAndOutputs: true);
            if (instance?.ReadCustomStatusAs<string>() is { } status && reached(status))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Collection {collectionId} is {instance?.RuntimeStatus}: {instance?.SerializedCustomStatus}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Whether the outbox holds the event (waiting or published).</summary>
    public async Task<bool> HasEventAsync(string type, string businessKey)
    {
        var outbox = new TableClient(AzuriteFixture.Options.ConnectionString, StorageNames.OutboxTable);
        var row = TableKeys.Escape($"{type}:{businessKey}");
        return (await outbox.GetEntityIfExistsAsync<TableEntity>("pending", row)).HasValue
            || (await outbox.GetEntityIfExistsAsync<TableEntity>("published", row)).HasValue;
    }

    /// <summary>Posts an Authorize.Net notification signed with <paramref name="signatureKey"/> (default: the host's).</summary>
    public async Task<HttpResponseMessage> PostAuthorizeNetWebhookAsync(string json, string? signatureKey = null)
    {
        using var request = AuthorizeNetNotifications.SignedPost(json, signatureKey ?? AuthorizeNetSignatureKey);
        return await Host.Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostWebhookAsync(string json, string? secret = null)
    {
        using var request = StripeWebhookEvents.SignedPost(json, secret ?? WebhookSecret);
        return await Host.Http.SendAsync(request);
    }
}
