using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Pdf;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;
using ServerlessBilling.Usage.Twilio;

namespace ServerlessBilling;

/// <summary>Wires the domain's workflows to their adapters; the Functions app and the local host both start from here.</summary>
public static class BillingServices
{
    public static IServiceCollection AddServerlessBilling(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = configuration[StorageNames.Connection]
            ?? throw new InvalidOperationException($"Setting '{StorageNames.Connection}' (the billing storage connection string) is missing.");

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(new TableServiceClient(connection));
        services.AddSingleton(new BlobServiceClient(connection));
        // The queue trigger decodes Base64 by default; the SDK client sends plain text unless told otherwise.
        services.AddSingleton(new QueueServiceClient(connection, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        services.AddSingleton<StorageProvisioner>();

        services.AddSingleton<IAccountDirectory, TableAccountDirectory>();
        services.AddSingleton<IPlanCatalog, TablePlanCatalog>();
        services.AddSingleton<IUsageLedger, TableUsageLedger>();
        services.AddSingleton<IQuarantine, TableQuarantine>();
        services.AddSingleton<IRawArchive, BlobRawArchive>();
        services.AddSingleton<IRatingQueue, QueueRatingQueue>();
        services.AddSingleton<ICdrDrops, BlobCdrDrops>();
        services.AddSingleton<ICdrCheckpoints, TableCdrCheckpoints>();
        services.AddSingleton<IInvoiceStore, BlobInvoiceStore>();
        services.AddSingleton<IInvoiceNumbers, TableInvoiceNumbers>();
        services.AddSingleton<ICycleLedger, TableCycleLedger>();
        services.AddSingleton<IInvoiceRenderer, InvoicePdfRenderer>();

        services.AddSingleton(new InvoiceNumberingOptions(
            configuration["Invoices:Sequence"] ?? "invoices",
            configuration["Invoices:NumberPrefix"] ?? "INV-"));
        services.AddSingleton(new InvoiceBranding(
            configuration["Branding:Name"] ?? "Your Reseller",
            configuration["Branding:Address"] ?? "",
            configuration["Branding:AccentColor"] ?? "#1F4E79"));
        services.AddSingleton(_ => new TwilioWebhookOptions(
            configuration["Twilio:AuthToken"] ?? "",
            new Uri(configuration["Twilio:PublicBaseUrl"] ?? "http://localhost:7071")));

        services.AddSingleton<TwilioWebhookIntake>();
        services.AddSingleton<CdrFileIntake>();
        services.AddSingleton<UsageRating>();
        services.AddSingleton<CycleClosing>();
        services.AddSingleton<CycleStarts>();
        services.AddSingleton<UsageRerating>();
        services.AddSingleton<UsageReports>();
        return services;
    }
}
