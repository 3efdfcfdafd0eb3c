using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Events;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Payments;
using ServerlessBilling.Payments.AuthorizeNet;
using ServerlessBilling.Pdf;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;
using ServerlessBilling.Usage.ElevenLabs;
using ServerlessBilling.Usage.Events;
using ServerlessBilling.Usage.Retell;
using ServerlessBilling.Usage.Telnyx;
using ServerlessBilling.Usage.Twilio;
using ServerlessBilling.Usage.Vapi;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling;

/// <summary>Wires the domain's workflows to their adapters; the Functions app and the local host both start from here.</summary>
public static class BillingServices
{
    public static IServiceCollection AddServerlessBilling(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = BillingStorageClients.FromConfiguration(configuration);

        if (configuration["Numbers:DefaultRegion"] is { Length: > 0 } region)
        {
            Usage.PhoneNumbers.UseDefaultRegion(region);
        }

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(storage.Tables);
        services.AddSingleton(storage.Blobs);
        services.AddSingleton(storage.Queues);
        services.AddSingleton<StorageProvisioner>();

        services.AddSingleton<IAccountDirectory, TableAccountDirectory>();
        services.AddSingleton<IPlanCatalog, TablePlanCatalog>();
        services.AddSingleton<IUsageLedger, TableUsageLedger>();
        services.AddSingleton<IQuarantine, TableQuarantine>();
        services.AddSingleton<IRawArchive, BlobRawArchive>();
        services.AddSingleton<IRatingQueue, QueueRatingQueue>();
        services.AddSingleton<ICdrDrops, BlobCdrDrops>();
        services.AddSingleton<ICdrCheckpoints, TableCdrCheckpoints>();
        services.AddSingleton<ICdrFileRatings, TableCdrFileRatings>();
        services.AddSingleton<ICallPartStore, TableCallPartStore>();
        services.AddSingleton<IIngestCounters, TableIngestCounters>();
        services.AddSingleton<ITaxLedger, TableTaxLedger>();
        services.AddSingleton<BlobInvoiceStore>();
        services.AddSingleton<IInvoiceStore>(provider =>
            new TaxLedgerInvoiceStore(provider.GetRequiredService<BlobInvoiceStore>(), provider.GetRequiredService<ITaxLedger>()));
        services.AddSingleton<IInvoiceNumbers, TableInvoiceNumbers>();
        services.AddSingleton<ICycleLedger, TableCycleLedger>();
        services.AddSingleton<IOutbox, TableOutbox>();
        services.AddEventPublisher(configuration);
        services.AddSingleton<OutboxRelay>();
        services.AddSingleton<InvoicePdfRenderer>();
        services.AddSingleton<IInvoiceRenderer>(provider => provider.GetRequiredService<InvoicePdfRenderer>());
        services.AddSingleton<ICreditNoteRenderer>(provider => provider.GetRequiredService<InvoicePdfRenderer>());
        services.AddSingleton<IPendingAdjustments, TablePendingAdjustments>();
        services.AddSingleton<ICreditNoteStore, BlobCreditNoteStore>();
        services.AddSingleton<ICreditNoteNumbers, TableCreditNoteNumbers>();

        services.AddSingleton(new InvoiceNumberingOptions(
            configuration["Invoices:Sequence"] ?? "invoices",
            configuration["Invoices:NumberPrefix"] ?? "INV-"));
        services.AddSingleton(new InvoiceBranding(
            configuration["Branding:Name"] ?? "Your Reseller",
            configuration["Branding:Address"] ?? "",
            configuration["Branding:AccentColor"] ?? "#1F4E79"));
        services.AddSingleton(provider => BrandingLogo.FromSettings(
            configuration["Branding:LogoBase64"], configuration["Branding:LogoBlob"], provider.GetRequiredService<BlobServiceClient>()));
        services.AddSingleton(_ => new TwilioWebhookOptions(
            configuration["Twilio:AuthToken"] ?? "",
            new Uri(configuration["Twilio:PublicBaseUrl"] ?? "http://localhost:7071")));

        services.AddWebhookSources(configuration);
        services.AddSingleton<CdrFileIntake>();
        services.AddSingleton<CdrFileReports>();
        services.AddSingleton<LateUsagePlacement>();
        services.AddSingleton<UsageRating>();
        services.AddSingleton<CountedUsageRating>();
        services.AddSingleton(TaxTableOptionsFrom(configuration));
        services.AddSingleton(TaxDataSettings.From(configuration, TaxTableOptionsFrom(configuration).RefreshInterval));
        services.AddSingleton<TaxTableFreshness>();
        services.AddSingleton<BlobTaxTables>();
        services.AddSingleton<ITaxTables>(provider => provider.GetRequiredService<BlobTaxTables>());
        services.AddSingleton<ITaxCalculator>(provider => new TableTaxCalculator(provider.GetRequiredService<ITaxTables>(), TaxSettingsFrom(configuration)));
        services.AddSingleton<AdjustmentBilling>();
        services.AddSingleton<CreditNoteIssuing>();
        services.AddSingleton<ClosedPeriodRerating>();
        services.AddSingleton<CycleClosing>();
        services.AddSingleton<CycleStarts>();
        services.AddSingleton(ScheduleOptions(configuration));
        services.AddSingleton<CycleScheduling>();
        services.AddSingleton<UsageRerating>();
        services.AddSingleton<UsageReports>();
        services.AddStripe(configuration);
        services.AddAuthorizeNet(configuration);
        services.AddPaymentGateways(configuration);
        services.AddPayments(configuration);
        services.AddSingleton<TaxReports>();
        return services;
    }

    private static void AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IReceivables, TableReceivables>();
        services.AddSingleton(DunningPolicyFrom(configuration));
        services.AddSingleton<InvoiceCollection>();
        services.AddSingleton<LateFeeInvoices>();
        services.AddSingleton<DunningSteps>();
        services.AddSingleton<PaymentRecording>();
        services.AddSingleton<ReceivablesAging>();
    }

    /// <summary>The reseller's default dunning policy from <c>Dunning:*</c> (durations as <c>3d</c>, <c>12h</c>, <c>30s</c>); unset keys keep the defaults.</summary>
    private static DunningPolicy DunningPolicyFrom(IConfiguration configuration)
    {
        var policy = DunningPolicy.Default;
        TimeSpan? Duration(string key) => configuration[key] is { Length: > 0 } text ? DurationText.Parse(text, key) : null;
        decimal? Amount(string key) => configuration[key] is { Length: > 0 } text ? decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;
        policy = policy with
        {
            RetryDelays = configuration["Dunning:RetryDelays"] is { Length: > 0 } delays ? DurationText.ParseList(delays, "Dunning:RetryDelays") : policy.RetryDelays,
            ReminderLead = Duration("Dunning:ReminderLead") ?? policy.ReminderLead,
            OverdueAfter = Duration("Dunning:OverdueAfter") ?? policy.OverdueAfter,
            WriteOffAfter = Duration("Dunning:WriteOffAfter") ?? policy.WriteOffAfter,
            ReturnedPaymentFee = Amount("Dunning:ReturnedPaymentFee") ?? policy.ReturnedPaymentFee,
            SuspendAfterFinalFailure = !bool.TryParse(configuration["Dunning:SuspendAfterFinalFailure"], out var suspend) || suspend,
            LateFee = Amount("Dunning:LateFee:Value") is { } value
                ? new LateFeePolicy(
                    Enum.Parse<LateFeeBasis>(configuration["Dunning:LateFee:Basis"] ?? nameof(LateFeeBasis.Flat), ignoreCase: true),
                    value,
                    Duration("Dunning:LateFee:Grace") ?? TimeSpan.Zero,
                    Enum.Parse<LateFeeRecurrence>(configuration["Dunning:LateFee:Recurrence"] ?? nameof(LateFeeRecurrence.Once), ignoreCase: true),
                    Amount("Dunning:LateFee:Cap"),
                    Enum.Parse<LateFeePlacement>(configuration["Dunning:LateFee:Placement"] is { Length: > 0 } placement ? placement : nameof(LateFeePlacement.NextInvoice), ignoreCase: true))
                : null,
        };
        return policy.Validate() is { Count: > 0 } problems
            ? throw new InvalidOperationException("Dunning settings: " + string.Join(" ", problems))
            : policy;
    }

    /// <summary><c>DomainEvents:Publisher</c>: <c>StorageQueue</c> (default; the <c>billing-events</c> queue in the billing storage) or
    /// <c>ServiceBus</c> (the topic <c>DomainEvents:Topic</c>, default <c>billing-events</c>, on <c>DomainEvents:ServiceBus</c>: a connection
    /// string, or by identity <c>DomainEvents:ServiceBus:fullyQualifiedNamespace</c> with <c>:credential</c> and <c>:clientId</c>).</summary>
    private static void AddEventPublisher(this IServiceCollection services, IConfiguration configuration)
    {
        var publisher = configuration["DomainEvents:Publisher"] is { Length: > 0 } name ? name : "StorageQueue";
        if (string.Equals(publisher, "ServiceBus", StringComparison.OrdinalIgnoreCase))
        {
            var topic = configuration["DomainEvents:Topic"] is { Length: > 0 } t ? t : StorageNames.BillingEventsQueue;
            services.AddSingleton(_ => ServiceBusClientFor(configuration.GetSection("DomainEvents:ServiceBus")));
            services.AddSingleton<IEventPublisher>(provider => new ServiceBusEventPublisher(provider.GetRequiredService<ServiceBusClient>().CreateSender(topic)));
        }
        else if (string.Equals(publisher, "StorageQueue", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IEventPublisher, QueueEventPublisher>();
        }
        else
        {
            throw new InvalidOperationException($"DomainEvents:Publisher '{publisher}' is neither StorageQueue nor ServiceBus.");
        }
    }

    /// <summary><c>Tax:Rounding</c> (<c>PerInvoice</c> default, or <c>PerLine</c>) and <c>Tax:DeMinimis</c> (default false); the 64.9% safe harbor.</summary>
    private static TaxSettings TaxSettingsFrom(IConfiguration configuration) => TaxSettings.Default with
    {
        Rounding = Enum.TryParse<TaxRounding>(configuration["Tax:Rounding"], ignoreCase: true, out var rounding) ? rounding : TaxRounding.PerInvoice,
        DeMinimis = bool.TryParse(configuration["Tax:DeMinimis"], out var deMinimis) && deMinimis,
    };

    /// <summary><c>Tax:TableRefreshSeconds</c> (default 60): how long an instance keeps its tax table before looking for documents changed in storage.</summary>
    private static TaxTableOptions TaxTableOptionsFrom(IConfiguration configuration) =>
        configuration["Tax:TableRefreshSeconds"] is { Length: > 0 } seconds
            ? new TaxTableOptions(TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)))
            : TaxTableOptions.Default;

    private static ServiceBusClient ServiceBusClientFor(IConfigurationSection section)
    {
        if (section.Value is { Length: > 0 } connectionString)
        {
            return new ServiceBusClient(connectionString);
        }

        return section["fullyQualifiedNamespace"] is { Length: > 0 } fullyQualifiedNamespace
            ? new ServiceBusClient(fullyQualifiedNamespace, BillingStorageClients.CredentialFor(section))
            : throw new InvalidOperationException(
                "Setting 'DomainEvents:ServiceBus' is required when DomainEvents:Publisher is ServiceBus: a connection string, or '__fullyQualifiedNamespace' for an identity-based connection.");
    }

    /// <summary><c>Cycles:GraceHours</c> (default 24) and <c>Cycles:MaxConcurrentStarts</c> (default 8).</summary>
    private static CycleScheduleOptions ScheduleOptions(IConfiguration configuration)
    {
        var defaults = CycleScheduleOptions.Default;
        var grace = configuration["Cycles:GraceHours"] is { Length: > 0 } hours
            ? NodaTime.Duration.FromHours(double.Parse(hours, System.Globalization.CultureInfo.InvariantCulture))
            : defaults.Grace;
        var cap = configuration["Cycles:MaxConcurrentStarts"] is { Length: > 0 } starts
            ? int.Parse(starts, System.Globalization.CultureInfo.InvariantCulture)
            : defaults.MaxConcurrentStarts;
        return defaults with { Grace = grace, MaxConcurrentStarts = cap };
    }

    /// <summary>
    /// Stripe as the payment gateway (<c>Stripe:SecretKey</c>) and its webhook (<c>Stripe:WebhookSecret</c>). Both may be empty:
    /// the app still starts, a charge then fails naming the missing setting, and every webhook delivery is refused.
    /// </summary>
    private static void AddStripe(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new StripeOptions(configuration["Stripe:SecretKey"] ?? "", configuration["Stripe:WebhookSecret"] ?? ""));
        services.AddKeyedSingleton<IPaymentGateway, StripePaymentGateway>(PaymentGatewayNames.Stripe);
        services.AddSingleton<StripeWebhook>();
    }

    /// <summary>
    /// Authorize.Net as a second gateway (<c>AuthorizeNet:ApiLoginId</c>, <c>AuthorizeNet:TransactionKey</c>, the webhook's
    /// <c>AuthorizeNet:SignatureKey</c>, and <c>AuthorizeNet:Environment</c> Sandbox or Production). Empty credentials behave like
    /// Stripe's: the app starts, a charge fails naming the missing setting, every webhook delivery is refused.
    /// </summary>
    private static void AddAuthorizeNet(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new AuthorizeNetOptions(
            configuration["AuthorizeNet:ApiLoginId"] ?? "",
            configuration["AuthorizeNet:TransactionKey"] ?? "",
            configuration["AuthorizeNet:SignatureKey"] ?? "",
            AuthorizeNetOptions.EndpointFor(configuration["AuthorizeNet:Environment"])));
        services.AddSingleton(provider => new AuthorizeNetClient(provider.GetRequiredService<AuthorizeNetOptions>()));
        services.AddKeyedSingleton<IPaymentGateway>(PaymentGatewayNames.AuthorizeNet,
            (provider, _) => new AuthorizeNetPaymentGateway(provider.GetRequiredService<AuthorizeNetClient>()));
        services.AddSingleton<AuthorizeNetWebhook>();
        services.AddSingleton<AuthorizeNetSettlements>();
    }

    /// <summary>The gateways by name; <c>Payments:Gateway</c> (default <c>stripe</c>) is where accounts without a payment profile get one.</summary>
    private static void AddPaymentGateways(this IServiceCollection services, IConfiguration configuration)
    {
        var defaultName = configuration["Payments:Gateway"] is { Length: > 0 } name ? name : PaymentGatewayNames.Stripe;
        services.AddSingleton<IPaymentGateways>(provider => new PaymentGateways(
            new[] { PaymentGatewayNames.Stripe, PaymentGatewayNames.AuthorizeNet }
                .ToDictionary(gateway => gateway, gateway => provider.GetRequiredKeyedService<IPaymentGateway>(gateway)),
            defaultName));
    }

    /// <summary>The vendor webhooks on the shared intake; each secret comes from configuration, and an empty one rejects every delivery.</summary>
    private static void AddWebhookSources(this IServiceCollection services, IConfiguration configuration)
    {
        var tolerance = configuration["Webhooks:ToleranceSeconds"] is { Length: > 0 } seconds
            ? new WebhookTolerance(NodaTime.Duration.FromSeconds(long.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)))
            : WebhookTolerance.Default;
        services.AddSingleton(tolerance);
        services.AddSingleton(typeof(WebhookIntake<>));

        services.AddSingleton(new RetellWebhookOptions(configuration["Retell:ApiKey"] ?? ""));
        services.AddSingleton(new ElevenLabsWebhookOptions(configuration["ElevenLabs:WebhookSecret"] ?? ""));
        services.AddSingleton(new VapiWebhookOptions(
            configuration["Vapi:Secret"] ?? "",
            Enum.Parse<VapiAuthMode>(configuration["Vapi:Mode"] is { Length: > 0 } mode ? mode : nameof(VapiAuthMode.Hmac), ignoreCase: true),
            configuration["Vapi:SignatureHeader"] ?? "x-signature",
            configuration["Vapi:TimestampHeader"] ?? "x-timestamp",
            configuration["Vapi:SecretHeader"] ?? "X-Vapi-Secret"));
        services.AddSingleton(new TelnyxWebhookOptions(configuration["Telnyx:PublicKey"] ?? ""));
        services.AddSingleton(new BillingEventsOptions(configuration["Events:SigningSecret"] ?? ""));

        services.AddSingleton<TwilioWebhook>();
        services.AddSingleton<RetellWebhook>();
        services.AddSingleton<ElevenLabsWebhook>();
        services.AddSingleton<VapiWebhook>();
        services.AddSingleton<TelnyxWebhook>();
        services.AddSingleton<BillingEventsWebhook>();
    }
}
