using System.Net;
using System.Text.Json;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Api.Access;

namespace ServerlessBilling.IntegrationTests.Telemetry;

/// <summary>The audit records of the calls that handle an email address or a credential: a portal link for an account with a
/// billing contact, an API key, a webhook endpoint whose URL carries a token and its rotated secret. Each is logged with the
/// address masked and no credential, in any record of the host's whole log.</summary>
public partial class TelemetryTests
{
    [Fact]
    public async Task EndToEnd_LogRecords_HoldNoEmailAddressAndNoCredential()
    {
        const string email = "ana.lopez@clinic.example";
        var (account, _) = await SeedAsync("otel-audit", "+17205550470");
        await host.Api.PutAccountAsync(account with { Contact = new BillingContact("Ana Lopez", email) }, CancellationToken.None);
        var requests = new KeyedRequests(host);

        var link = await host.Api.IssuePortalLinkAsync(account.Id, CancellationToken.None);
        var portalToken = Uri.UnescapeDataString(link.Url.Query["?token=".Length..]);
        using (var browser = new HttpClient())
        using (var entered = await browser.GetAsync(link.Url))
        {
            entered.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var key = await requests.IssueAsync("audit test", "read_only");
        (await requests.SendAsync("GET", $"api/accounts/{account.Id}", KeyedRequests.Bearer(KeyedRequests.SecretOf(key)))).Status.ShouldBe(HttpStatusCode.OK);
        (await requests.SendAsync("GET", $"api/accounts/{account.Id}?code={host.ApiKey}", new Dictionary<string, string>())).Status.ShouldBe(HttpStatusCode.OK);

        var urlToken = "tok" + Guid.NewGuid().ToString("N");
        var endpointBody = JsonSerializer.Serialize(new
        {
            url = $"http://127.0.0.1:9/hooks/{urlToken}?sig={urlToken}",
            eventTypes = new[] { $"test.e{Guid.NewGuid():N}" },
            description = "audit test",
        });
        var (created, createdJson) = await requests.SendAsync("POST", "api/webhooks-out/endpoints", requests.Bootstrap, endpointBody);
        created.ShouldBe(HttpStatusCode.Created, createdJson);
        using var endpoint = JsonDocument.Parse(createdJson);
        var endpointId = endpoint.RootElement.GetProperty("endpoint").GetProperty("id").GetString()!;
        var (rotated, rotatedJson) = await requests.SendAsync("POST", $"api/webhooks-out/endpoints/{endpointId}/rotate-secret", requests.Bootstrap);
        rotated.ShouldBe(HttpStatusCode.OK, rotatedJson);
        using var rotation = JsonDocument.Parse(rotatedJson);
        (await requests.SendAsync("DELETE", $"api/webhooks-out/endpoints/{endpointId}", requests.Bootstrap)).Status.ShouldBe(HttpStatusCode.OK);

        var records = host.Logs.Records;
        var keyPrefix = KeyedRequests.SecretOf(key)[..16];
        records.ShouldContain(r => r.Contains($"Portal link issued for account {account.Id}, for a***@clinic.example, valid until ", StringComparison.Ordinal));
        records.ShouldContain(r => r.Contains($"API key {keyPrefix} issued with scope ReadOnly", StringComparison.Ordinal));
        records.ShouldContain(r => r.Contains($"Webhook endpoint {endpointId} registered on 127.0.0.1 () for ", StringComparison.Ordinal));
        records.ShouldContain(r => r.Contains($"Webhook endpoint {endpointId} has a new signing secret", StringComparison.Ordinal));
        string[] never =
        [
            email, "ana.lopez", portalToken, KeyedRequests.SecretOf(key), host.ApiKey, urlToken,
            endpoint.RootElement.GetProperty("secret").GetString()!, rotation.RootElement.GetProperty("secret").GetString()!,
        ];
        foreach (var value in never)
        {
            records.ShouldNotContain(r => r.Contains(value, StringComparison.Ordinal), value);
        }
    }
}
