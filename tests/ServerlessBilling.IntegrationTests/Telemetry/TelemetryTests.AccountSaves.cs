using System.Net;
using System.Text.Json;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Api.Access;

namespace ServerlessBilling.IntegrationTests.Telemetry;

/// <summary>Each account save through the API is one audit record: the account, who saved it (the bootstrap key or an API key's
/// prefix), the fields it set or changed and the billing contact's address masked; never the address, a phone number or a key.</summary>
public partial class TelemetryTests
{
    [Fact]
    public async Task AccountSave_IsAuditedWithCallerAndChangedFields_EmailMasked()
    {
        const string email = "marta.ruiz@dental.example";
        const string phone = "+17205550481";
        var accountId = $"otel-save-{Guid.NewGuid():N}"[..24];
        var (account, _) = await SeedAsync(accountId, $"+1720556{Random.Shared.Next(1000, 9999)}");
        var requests = new KeyedRequests(host);
        var key = await requests.IssueAsync("account audit", "admin");
        var keyPrefix = KeyedRequests.SecretOf(key)[..16];

        var edited = account with { Name = "Traced Clinic (CRM)", Contact = new BillingContact("Marta Ruiz", email, phone) };
        var (status, body) = await requests.SendAsync(
            "PUT", $"api/accounts/{accountId}", KeyedRequests.Bearer(KeyedRequests.SecretOf(key)), JsonSerializer.Serialize(edited, BillingJson.Options));
        status.ShouldBe(HttpStatusCode.OK, body);
        var (again, againBody) = await requests.SendAsync(
            "PUT", $"api/accounts/{accountId}", KeyedRequests.Bearer(KeyedRequests.SecretOf(key)), JsonSerializer.Serialize(edited, BillingJson.Options));
        again.ShouldBe(HttpStatusCode.OK, againBody);

        var saves = host.Logs.Records.Where(r => r.Contains($"Account {accountId} ", StringComparison.Ordinal)).ToList();
        saves.Count.ShouldBe(3, string.Join('\n', saves));
        saves[0].ShouldMatch($"^Information .*: Account {accountId} created by the bootstrap key: changed name, planId, billing; version [^;]+; no billing contact address \\|");
        saves[1].ShouldMatch($"^Information .*: Account {accountId} saved by {keyPrefix}: changed name, contact; version [^;]+; billing contact m\\*\\*\\*@dental\\.example \\|");
        saves[2].ShouldMatch($"^Information .*: Account {accountId} saved by {keyPrefix}: changed nothing; version [^;]+; billing contact m\\*\\*\\*@dental\\.example \\|");
        foreach (var value in new[] { email, "marta.ruiz", phone, phone[2..], KeyedRequests.SecretOf(key), host.ApiKey })
        {
            host.Logs.Records.ShouldNotContain(r => r.Contains(value, StringComparison.Ordinal), value);
        }
    }
}
