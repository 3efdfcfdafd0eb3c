using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Access;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Documents;
using ServerlessBilling.Events;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Payments;
using ServerlessBilling.Portal;
using ServerlessBilling.Rating;
using ServerlessBilling.ResellerConsole;
using ServerlessBilling.Storage;
using ServerlessBilling.Tax;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling;

/// <summary>The whole product, capability by capability; the Functions app and the local host both start from here.</summary>
/// <remarks>Each capability registers its own adapters and binds its own settings section, checked at start-up.</remarks>
public static class BillingServices
{
    public static IServiceCollection AddServerlessBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IClock>(SystemClock.Instance);
        return services
            .AddStorage(configuration)
            .AddAccounts()
            .AddAccess(configuration)
            .AddIngest(configuration)
            .AddRating(configuration)
            .AddTax(configuration)
            .AddInvoicing(configuration)
            .AddDocuments(configuration)
            .AddCycles(configuration)
            .AddPayments(configuration)
            .AddReconciliation(configuration)
            .AddPortal(configuration)
            .AddResellerConsole(configuration)
            .AddDomainEventPublishing(configuration)
            .AddWebhooksOut(configuration);
    }
}
