using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Events;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Tax;

/// <summary>
/// A tax table document of the test's own made-up region (so no other test's account is taxed by it), accounts there
/// with a 12.00 platform fee, and what a close of their last full period leaves behind: the status, the invoice JSON
/// and PDF, and the events in the outbox.
/// </summary>
internal sealed class TaxNoticeScenarios(AzuriteFixture azurite, OwnBillingHost host)
{
    public static readonly PricePlan Plan = new("tax-notice-plan", "Platform only", "USD",
        [new PlanVersion(new LocalDate(2025, 1, 1), 12m, 0m, [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute)], new PerCallRounding())]);

    public string Id { get; } = Guid.NewGuid().ToString("N")[..8];

    /// <summary>The document name, which notices name as their table.</summary>
    public string Table => "tax-notices-" + Id;

    public string Region(string kind) => $"Q{kind}-{Id}";

    public string Rule(string kind) => $"q{kind.ToLowerInvariant()}-{Id}";

    public string Jurisdiction(string kind) => $"US-Q{kind}-{Id}";

    /// <summary>The invoice date of the last full period: the first of this month (UTC).</summary>
    public static LocalDate InvoiceDate => BillingPeriod.Containing(SystemClock.Instance.GetCurrentInstant().InUtc().Date, 1).Start;

    /// <summary>One jurisdiction and one rule per entry; <paramref name="rules"/> are JSON rule bodies without key and jurisdiction.</summary>
    public string Document(params (string Kind, string Rule)[] rules) => $$"""
        {
          "description": "Test tax notices",
          "jurisdictions": [ {{string.Join(", ", rules.Select(r => $$"""{ "code": "{{Jurisdiction(r.Kind)}}", "level": "State", "name": "Q {{r.Kind}}", "region": "{{Region(r.Kind)}}" }"""))}} ],
          "rules": [ {{string.Join(", ", rules.Select(r => $$"""{ "key": "{{Rule(r.Kind)}}", "jurisdiction": "{{Jurisdiction(r.Kind)}}", {{r.Rule}} }"""))}} ]
        }
        """;

    public static string Version(string from, string? until, string amount) =>
        $$"""{ "from": "{{from}}", {{(until is null ? "" : $"\"until\": \"{until}\",")}} {{amount}}, "status": "Verified", "source": "test", "asOf": "2026-01-01" }""";

    /// <summary>A percentage rule on the platform fee (AI platform revenue) with the given versions.</summary>
    public static string PlatformTax(string kind = "SalesOrCommunicationsTax", string portion = "Total", string extra = "", params string[] versions) =>
        $$"""
        "kind": "{{kind}}", "label": "Q tax", "basis": "Percent", "portion": "{{portion}}", "appliesTo": ["AiPlatform"], "order": 60, {{extra}}
        "versions": [ {{string.Join(", ", versions)}} ]
        """;

    public async Task<HttpResponseMessage> PutTableAsync(string document)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/tax-tables/{Table}") { Content = new StringContent(document, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", host.ApiKey);
        return await host.Http.SendAsync(request);
    }

    public async Task PutTableOkAsync(string document)
    {
        using var response = await PutTableAsync(document);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A new account at an address in the region of <paramref name="kind"/> (none: untaxed), holding <paramref name="numbers"/>
    /// numbers (free on the plan), its last full period's close started.</summary>
    /// <param name="beforeClose">Called with the account's id just before its close starts.</param>
    /// <param name="start">Starts the close in place of the API (e.g. with an earlier input shape).</param>
    public async Task<CycleRequest> StartCloseAsync(
        string? kind, AccountTaxProfile? tax = null, int numbers = 0, Action<string>? beforeClose = null, Func<CycleRequest, Task>? start = null)
    {
        var account = new Account($"taxn-{Guid.NewGuid():N}"[..16], "Notice Co", Plan.Id, new BillingProfile("UTC", 1, "USD"),
            kind is null ? null : new PostalAddress("1 Main St", "Qville", Region(kind), "00001", "US"))
        {
            Tax = tax,
        };
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        for (var i = 0; i < numbers; i++)
        {
            var number = "+1206" + Random.Shared.Next(2_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
            await host.Api.AssignNumberAsync(new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2025, 1, 1)), CancellationToken.None);
        }

        var cycle = new CycleRequest(account.Id, BillingPeriod.Containing(InvoiceDate.PlusDays(-1), 1).Key);
        beforeClose?.Invoke(account.Id);
        await (start is null ? host.Api.StartCloseAsync(cycle, CancellationToken.None) : start(cycle));
        return cycle;
    }

    /// <summary>The account's domain events as the outbox keeps them (pending or already published).</summary>
    public async Task<IReadOnlyList<DomainEvent>> EventsAsync(string accountId)
    {
        var events = new List<DomainEvent>();
        var outbox = azurite.Tables.GetTableClient(StorageNames.OutboxTable);
        await foreach (var row in outbox.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Subject eq {accountId}")))
        {
            events.Add(JsonSerializer.Deserialize<DomainEvent>(row.GetString("Document"), BillingJson.Options)!);
        }

        return events;
    }

    public static IReadOnlyList<TaxNotice> NoticesOf(DomainEvent finalized) =>
        finalized.Data.Deserialize<InvoiceFinalizedData>(BillingJson.Options)!.TaxNotices;

    public async Task DeleteTableAsync() =>
        await azurite.Blobs.GetBlobContainerClient(StorageNames.TaxTablesContainer).DeleteBlobIfExistsAsync(Table + ".json");
}
