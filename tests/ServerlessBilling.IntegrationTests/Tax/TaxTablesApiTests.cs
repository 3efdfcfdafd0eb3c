using System.Net;
using System.Text;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Tax;

/// <summary>An operator changes a rate through the API and the next close bills it, without a restart; a table with an overlap is refused and the one in force stays.</summary>
/// <remarks>The uploaded document taxes a made-up state only ("ZZ"), so closes of other tests sharing this Azurite are not affected.</remarks>
[Collection(AzuriteCollection.Name)]
public sealed partial class TaxTablesApiTests(LocalHostFixture host, AzuriteFixture azurite) : IClassFixture<LocalHostFixture>, IAsyncLifetime
{
    private readonly string name = "zz-test-" + Guid.NewGuid().ToString("N")[..8];

    private static string Document(string versions) => $$"""
        {
          "description": "Test state ZZ",
          "jurisdictions": [ { "code": "US-ZZ", "level": "State", "name": "Zedland", "region": "ZZ" } ],
          "rules": [ { "key": "zz-platform-tax", "jurisdiction": "US-ZZ", "kind": "SalesOrCommunicationsTax", "label": "ZZ platform tax",
                       "basis": "Percent", "portion": "Total", "appliesTo": ["AiPlatform"], "order": 60, "versions": [ {{versions}} ] } ]
        }
        """;

    private static string Version(string from, string? until, decimal rate) =>
        $$"""{ "from": "{{from}}", {{(until is null ? "" : $"\"until\": \"{until}\",")}} "rate": {{rate}}, "status": "Verified", "source": "test", "asOf": "2026-01-01" }""";

    [Fact]
    public async Task PutTaxTable_ChangedRate_NextCloseBillsIt_OverlapRejectedAndOldRateKept()
    {
        await PutAsync(Document(Version("2020-01-01", null, 0.01m))).ShouldBeAsync(HttpStatusCode.OK);
        (await CloseAsync()).ShouldBe(12.12m); // 12.00 platform fee + 1 %

        await PutAsync(Document(Version("2020-01-01", null, 0.02m))).ShouldBeAsync(HttpStatusCode.OK);
        (await CloseAsync()).ShouldBe(12.24m);

        using var overlapping = await SendAsync(Document(Version("2020-01-01", "2030-01-01", 0.05m) + "," + Version("2025-01-01", null, 0.05m)));
        overlapping.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await overlapping.Content.ReadAsStringAsync()).ShouldContain("rule zz-platform-tax: versions from 2020-01-01 and 2025-01-01 overlap");
        (await CloseAsync()).ShouldBe(12.24m);

        var listing = await host.Api.ListTaxTablesAsync(CancellationToken.None);
        var stored = listing.Documents.Single(d => d.Name == name);
        (stored.Origin, stored.Rules.Single()).ShouldBe(("stored", "zz-platform-tax"));
        listing.Documents.Single(d => d.Name == "federal").Origin.ShouldBe("shipped");
    }

    [Fact]
    public async Task PutTaxTable_IfMatch_StaleVersionIs412AndKeepsTheStoredDocument()
    {
        using var created = await SendAsync(Document(Version("2020-01-01", null, 0.01m)));
        var read = await GetTaggedAsync(name);
        using var moved = await SendAsync(Document(Version("2020-01-01", null, 0.02m)));

        using var stale = await SendAsync(Document(Version("2020-01-01", null, 0.03m)), read.ETag);
        var current = await GetTaggedAsync(name);
        using var withCurrent = await SendAsync(Document(Version("2020-01-01", null, 0.04m)), current.ETag);
        var shipped = await GetTaggedAsync("federal");

        (created.StatusCode, moved.StatusCode, stale.StatusCode, withCurrent.StatusCode).ShouldBe(
            (HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.PreconditionFailed, HttpStatusCode.OK));
        read.ETag.ShouldBe(created.Headers.ETag?.ToString());
        current.ETag.ShouldBe(moved.Headers.ETag?.ToString());
        current.ETag.ShouldNotBe(read.ETag);
        withCurrent.Headers.ETag?.ToString().ShouldNotBe(current.ETag);
        shipped.ShouldBe((HttpStatusCode.OK, "\"shipped\""));
        (await host.Api.ListTaxTablesAsync(CancellationToken.None)).Documents.Single(d => d.Name == name).Origin.ShouldBe("stored");
        var stored = await azurite.Blobs.GetBlobContainerClient(StorageNames.TaxTablesContainer).GetBlobClient(name + ".json").DownloadContentAsync();
        stored.Value.Content.ToString().ShouldContain("\"rate\": 0.04");
    }

    [Fact]
    public async Task TaxTablesVerb_PutDuplicatingAShippedRule_FailsNamingTheRule()
    {
        var file = Path.Combine(Path.GetTempPath(), name + ".json");
        await File.WriteAllTextAsync(file, """
            { "jurisdictions": [ { "code": "US-ZZ", "level": "State", "name": "Zedland", "region": "ZZ" } ],
              "rules": [ { "key": "ca-911", "jurisdiction": "US-ZZ", "kind": "Emergency911", "label": "911", "basis": "Flat",
                           "versions": [ { "from": "2020-01-01", "unitAmount": 1, "status": "Verified", "source": "test", "asOf": "2026-01-01" } ] } ] }
            """);
        try
        {
            var error = await Should.ThrowAsync<HttpRequestException>(() => TaxTablesCommand.RunAsync(host.Api, ["put", file], TextWriter.Null, CancellationToken.None));
            error.Message.ShouldContain("rule ca-911: defined 2 times");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task GetTaxTable_ShippedOrStored_ReturnsTheDocumentToEdit_UnknownIs404()
    {
        await PutAsync(Document(Version("2020-01-01", null, 0.01m))).ShouldBeAsync(HttpStatusCode.OK);

        var federal = await GetAsync("federal");
        var stored = await GetAsync(name);
        using var unknown = await SendGetAsync("no-such-table");

        TaxTableLoader.Parse(new NamedTaxDocument("federal", federal)).Rules!.ShouldContain(r => r.Key == "us-fusf");
        TaxTableLoader.Parse(new NamedTaxDocument(name, stored)).Rules!.Single().Key.ShouldBe("zz-platform-tax");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task<byte[]> GetAsync(string table)
    {
        using var response = await SendGetAsync(table);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<HttpResponseMessage> SendGetAsync(string table)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/tax-tables/{table}");
        request.Headers.Add("x-functions-key", host.ApiKey);
        return await host.Http.SendAsync(request);
    }

    public async Task DisposeAsync() =>
        await azurite.Blobs.GetBlobContainerClient(StorageNames.TaxTablesContainer).DeleteBlobIfExistsAsync(name + ".json");

    private async Task<HttpStatusCode> PutAsync(string document)
    {
        using var response = await SendAsync(document);
        return response.StatusCode;
    }

    private async Task<HttpResponseMessage> SendAsync(string document, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/tax-tables/{name}") { Content = new StringContent(document, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", host.ApiKey);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await host.Http.SendAsync(request);
    }

    private async Task<(HttpStatusCode Status, string? ETag)> GetTaggedAsync(string document)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/tax-tables/{document}");
        request.Headers.Add("x-functions-key", host.ApiKey);
        using var response = await host.Http.SendAsync(request);
        return (response.StatusCode, response.Headers.ETag?.ToString());
    }

    /// <summary>A new account in ZZ with a 12.00 platform fee, its last full period closed; the invoice total.</summary>
    private async Task<decimal> CloseAsync()
    {
        var plan = new PricePlan("zz-plan", "ZZ", "USD",
            [new PlanVersion(new LocalDate(2025, 1, 1), 12m, 0m, [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute)], new PerCallRounding())]);
        var account = new Account("zz-" + Guid.NewGuid().ToString("N")[..10], "Zedland Co", plan.Id, new BillingProfile("UTC", 1, "USD"),
            new PostalAddress("1 Main St", "Zedville", "ZZ", "00001", "US"));
        await host.Api.PutPlanAsync(plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var cycle = new CycleRequest(account.Id, BillingPeriod.Containing(BillingPeriod.Containing(today, 1).Start.PlusDays(-1), 1).Key);
        await host.Api.StartCloseAsync(cycle, CancellationToken.None);
        return (await host.Api.WaitForCloseAsync(cycle, TimeSpan.FromSeconds(60), CancellationToken.None)).Total;
    }
}

internal static class StatusAssertions
{
    public static async Task ShouldBeAsync(this Task<HttpStatusCode> status, HttpStatusCode expected) => (await status).ShouldBe(expected);
}
