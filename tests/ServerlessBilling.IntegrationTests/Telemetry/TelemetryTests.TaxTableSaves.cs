using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.IntegrationTests.Api.Access;
using ServerlessBilling.IntegrationTests.Console;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Telemetry;

/// <summary>Each tax table taken into force, through the API or the console's upload, is one audit record: the document, who stored it
/// (the bootstrap key or an API key's prefix; the console adds the session's role), the dates its rules cover, its version and how many
/// held closes it released; never a key. The documents tax a made-up region of the test's own, so no other test's close is taxed.</summary>
public partial class TelemetryTests
{
    private static readonly PricePlan PlatformOnly = new("otel-tax-plan", "Platform only", "USD",
        [new PlanVersion(new LocalDate(2025, 1, 1), 12m, 0m, [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute)], new PerCallRounding())]);

    [Fact]
    public async Task TaxTablePut_IsAuditedWithCallerCoverageAndReleasedCloses()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var table = $"otel-tax-{id}";
        var requests = new KeyedRequests(host);
        var key = await requests.IssueAsync("tax audit", "admin");
        var secret = KeyedRequests.SecretOf(key);
        try
        {
            var expiredVersion = await PutTaxTableAsync(table, TaxDocument(id, ("H", Version("2020-01-01", "2021-01-01"))), requests.Bootstrap);

            // A close in the region, held because its only rule ran out in 2021; the covering upload releases it.
            var account = new Account($"otel-tax-{id}", "Taxed Clinic", PlatformOnly.Id, new BillingProfile("UTC", 1, "USD"),
                new PostalAddress("1 Main St", "Qville", $"QH-{id}", "00001", "US"));
            await host.Api.PutPlanAsync(PlatformOnly, CancellationToken.None);
            await host.Api.PutAccountAsync(account, CancellationToken.None);
            var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
            var cycle = new CycleRequest(account.Id, BillingPeriod.Containing(BillingPeriod.Containing(today, 1).Start.PlusDays(-1), 1).Key);
            await host.Api.StartCloseAsync(cycle, CancellationToken.None);
            await host.Api.WaitForCloseStatusAsync(cycle, TimeSpan.FromMinutes(2), s => s.AwaitingTaxData is not null, CancellationToken.None);

            var coveringVersion = await PutTaxTableAsync(table,
                TaxDocument(id, ("H", Version("2019-07-01", null)), ("K", Version("2020-01-01", "2031-01-01"))), KeyedRequests.Bearer(secret));
            (await host.Api.WaitForCloseAsync(cycle, TimeSpan.FromMinutes(2), CancellationToken.None)).Total.ShouldBe(12.12m);

            var stored = host.Logs.Records.Where(r => r.Contains($"Tax table {table} ", StringComparison.Ordinal)).ToList();
            stored.Count.ShouldBe(2, string.Join('\n', stored));
            stored[0].ShouldMatch($"^Information .*: Tax table {table} stored by the bootstrap key through the API: rules 1, in force from 2020-01-01 until 2021-01-01, " +
                $"newest rates first end 2021-01-01; version {Regex.Escape(expiredVersion)}; held closes released 0 \\|");
            stored[1].ShouldMatch($"^Information .*: Tax table {table} stored by {Regex.Escape(secret[..16])} through the API: rules 2, in force from 2019-07-01 until open-ended, " +
                $"newest rates first end 2031-01-01; version {Regex.Escape(coveringVersion)}; held closes released 1 \\|");
            foreach (var value in new[] { secret, host.ApiKey })
            {
                host.Logs.Records.ShouldNotContain(r => r.Contains(value, StringComparison.Ordinal), value);
            }
        }
        finally
        {
            await DeleteTaxTableAsync(table);
        }
    }

    [Fact]
    public async Task ConsoleTaxTableUpload_IsAuditedWithTheSessionsRoleAndCaller()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var table = $"otel-console-tax-{id}";
        var requests = new KeyedRequests(host);
        var secret = KeyedRequests.SecretOf(await requests.IssueAsync("console tax audit", "admin"));
        try
        {
            using var console = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.Host.BaseAddress };
            using (var signIn = await ConsoleFixture.PostFormAsync(console, "api/console/sign-in", ("key", secret)))
            {
                signIn.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await signIn.Content.ReadAsStringAsync());
            }

            var token = ConsoleFixture.FormTokenOf(await console.GetStringAsync(new Uri($"api/console/tax-tables/{table}", UriKind.Relative)));
            using var document = new ByteArrayContent(Encoding.UTF8.GetBytes(TaxDocument(id, ("C", Version("2024-01-01", "2027-01-01")))));
            using var form = new MultipartFormDataContent { { new StringContent(token), "csrf" }, { document, "document", table + ".json" } };
            using var uploaded = await console.PostAsync(new Uri($"api/console/tax-tables/{table}", UriKind.Relative), form);
            uploaded.StatusCode.ShouldBe(HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
            var version = await TaxTableVersionAsync(table, requests.Bootstrap);

            host.Logs.Records.Where(r => r.Contains($"Tax table {table} ", StringComparison.Ordinal)).ShouldHaveSingleItem().ShouldMatch(
                $"^Information .*: Tax table {table} stored by {Regex.Escape(secret[..16])} through the console \\(admin session\\): rules 1, in force from 2024-01-01 " +
                $"until 2027-01-01, newest rates first end 2027-01-01; version {Regex.Escape(version)}; held closes released 0 \\|");
            host.Logs.Records.ShouldNotContain(r => r.Contains(secret, StringComparison.Ordinal));
        }
        finally
        {
            await DeleteTaxTableAsync(table);
        }
    }

    /// <summary>One jurisdiction and one platform-tax rule per entry, in regions named after the test's id.</summary>
    private static string TaxDocument(string id, params (string Kind, string Versions)[] rules) => $$"""
        {
          "description": "Audited test table",
          "jurisdictions": [ {{string.Join(", ", rules.Select(r => $$"""{ "code": "US-Q{{r.Kind}}-{{id}}", "level": "State", "name": "Q {{r.Kind}}", "region": "Q{{r.Kind}}-{{id}}" }"""))}} ],
          "rules": [ {{string.Join(", ", rules.Select(r => $$"""
            { "key": "q{{r.Kind.ToLowerInvariant()}}-{{id}}", "jurisdiction": "US-Q{{r.Kind}}-{{id}}", "kind": "SalesOrCommunicationsTax", "label": "Q tax",
              "basis": "Percent", "portion": "Total", "appliesTo": ["AiPlatform"], "order": 60, "versions": [ {{r.Versions}} ] }
            """))}} ]
        }
        """;

    private static string Version(string from, string? until) =>
        $$"""{ "from": "{{from}}", {{(until is null ? "" : $"\"until\": \"{until}\",")}} "rate": 0.01, "status": "Verified", "source": "test", "asOf": "2026-01-01" }""";

    /// <summary>Stores the document; the stored version, as the response's ETag names it without quotes.</summary>
    private async Task<string> PutTaxTableAsync(string table, string document, IReadOnlyDictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/tax-tables/{table}") { Content = new StringContent(document, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await host.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.Tag.Trim('"');
    }

    private async Task<string> TaxTableVersionAsync(string table, IReadOnlyDictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/tax-tables/{table}");
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await host.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.Tag.Trim('"');
    }

    private static async Task DeleteTaxTableAsync(string table) =>
        await new BlobServiceClient(AzuriteFixture.Options.ConnectionString).GetBlobContainerClient(StorageNames.TaxTablesContainer).DeleteBlobIfExistsAsync(table + ".json");
}
