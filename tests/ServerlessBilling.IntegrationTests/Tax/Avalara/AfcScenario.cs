using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Tax;
using ServerlessBilling.Tax.Avalara;

namespace ServerlessBilling.IntegrationTests.Tax.Avalara;

/// <summary>A calculator pointed at an <see cref="AfcTestServer"/> and the invoices the scenarios tax: a Seattle business with
/// usage, international usage, numbers, the AI platform fee and three outbound channels on four numbers.</summary>
internal static class AfcScenario
{
    public static readonly LocalDate InvoiceDate = new(2026, 11, 1);

    public static readonly PostalAddress Seattle = new("1 Pike St", "Seattle", "WA", "98101", "US");

    public static AfcOptions Options(Uri endpoint, string password = AfcTestServer.Password, AfcProductPair? nonTelecom = null) =>
        new(endpoint, AfcTestServer.Username, password, AfcTestServer.ClientId, null, TimeSpan.FromSeconds(30), new AfcCompany(false, false, null), nonTelecom);

    public static AfcTaxCalculator Calculator(AfcOptions options, TaxSettings? settings = null)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(AfcOptions.HttpClientName, client => client.Timeout = options.Timeout);
        var clients = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new AfcTaxCalculator(clients, options, settings ?? TaxSettings.Default with { Rounding = TaxRounding.PerLine }, NullLogger<AfcTaxCalculator>.Instance);
    }

    public static TaxRequest Request(string accountId, IReadOnlyList<ResellerCertificate>? certificates = null, IReadOnlyList<TaxExemption>? exemptions = null, params TaxableItem[] items) =>
        new(accountId, "USD", InvoiceDate, InvoiceDate.PlusMonths(-1), CustomerType.Business, Seattle,
            items.Length > 0 ? items : Invoice, [new ServiceLines(Seattle, 4, 3, null)], certificates ?? [], exemptions ?? []);

    public static IReadOnlyList<TaxableItem> Invoice { get; } =
    [
        new("Calls", ProductCategory.InterconnectedVoipUsage, new Money(100m, "USD"), Minutes: 2000m),
        new("International calls", ProductCategory.InternationalVoipUsage, new Money(10m, "USD"), Minutes: 50m),
        new("Numbers", ProductCategory.VoipAccess, new Money(20m, "USD")),
        new("AI agent platform", ProductCategory.AiPlatform, new Money(50m, "USD")),
    ];
}
