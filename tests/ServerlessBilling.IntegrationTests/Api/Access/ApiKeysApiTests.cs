using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Api.Access;

/// <summary>A key's life through the API on the local host: issued by the bootstrap key with its secret shown once, stored as a hash
/// only, listed without a secret, its use recorded, refused outside its scope, and refused altogether once revoked.</summary>
[Collection(AzuriteCollection.Name)]
public class ApiKeysApiTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private readonly KeyedRequests requests = new(host);

    [Fact]
    public async Task IssuedKey_IsShownOnce_StoredAsItsHash_AndListedWithoutItsSecret()
    {
        var issued = await requests.IssueAsync("CRM sync", "read_only");
        var secret = KeyedRequests.SecretOf(issued);
        var id = KeyedRequests.IdOf(issued);

        secret.ShouldStartWith($"sb_live_{id}_");
        issued.GetProperty("key").GetProperty("prefix").GetString().ShouldBe($"sb_live_{id}");
        issued.GetProperty("key").GetProperty("scope").GetString().ShouldBe("read_only");
        var row = (await host.Host.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.ApiKeysTable)
            .GetEntityAsync<TableEntity>("key", id)).Value;
        row.GetString("SecretHash").ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
        var secretPart = secret[17..];
        ((IDictionary<string, object>)row).Values.OfType<string>().Where(v => v.Contains(secretPart, StringComparison.Ordinal)).ShouldBeEmpty();
        var list = string.Join("\n", (await ListAllAsync(limit: 500)).Select(k => k.GetRawText()));
        list.ShouldContain($"\"prefix\":\"sb_live_{id}\"");
        list.ShouldNotContain(secret[17..]);
        list.ShouldNotContain("secret", Case.Insensitive);
    }

    [Fact]
    public async Task ReadOnlyKey_ReadsAndRecordsItsUse_ButEveryWriteIs403WithTheForbiddenType()
    {
        var (_, _, account) = await requests.AccountsAsync();
        var issued = await requests.IssueAsync("Reporting", "read_only");
        var key = KeyedRequests.Bearer(KeyedRequests.SecretOf(issued));

        var read = await requests.SendAsync("GET", $"api/accounts/{account}", key);
        var write = await requests.SendAsync("PUT", $"api/accounts/{account}", key,
            """{"name":"Renamed","planId":"key-scope-plan","billing":{"timeZone":"UTC","billCycleDay":1,"currency":"USD"}}""");

        read.Status.ShouldBe(HttpStatusCode.OK);
        write.Status.ShouldBe(HttpStatusCode.Forbidden);
        var problem = JsonDocument.Parse(write.Body).RootElement;
        problem.GetProperty("type").GetString().ShouldBe("https://serverlessbilling.dev/problems/forbidden");
        problem.GetProperty("title").GetString().ShouldBe($"The read-only key sb_live_{KeyedRequests.IdOf(issued)} cannot call PUT /api/accounts/{{accountId}}");
        (await requests.SendAsync("GET", $"api/accounts/{account}", requests.Bootstrap)).Body.ShouldContain("\"name\":\"Other\"");
        var listed = await ListedAsync(KeyedRequests.IdOf(issued));
        listed.TryGetProperty("lastUsedAt", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task RevokedKey_Is401FromTheNextRequest_AndItsRevocationIsListed()
    {
        var issued = await requests.IssueAsync("Leaked", "admin");
        var key = KeyedRequests.Bearer(KeyedRequests.SecretOf(issued));
        (await requests.SendAsync("GET", "api/plans", key)).Status.ShouldBe(HttpStatusCode.OK);

        var (revokeStatus, revokedBody) = await requests.SendAsync("DELETE", $"api/api-keys/{KeyedRequests.IdOf(issued)}", requests.Bootstrap);
        var after = await requests.SendAsync("GET", "api/plans", key);

        revokeStatus.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(revokedBody).RootElement.GetProperty("isRevoked").GetBoolean().ShouldBeTrue();
        after.Status.ShouldBe(HttpStatusCode.Unauthorized);
        JsonDocument.Parse(after.Body).RootElement.GetProperty("title").GetString().ShouldBe($"The API key sb_live_{KeyedRequests.IdOf(issued)} was revoked");
        (await ListedAsync(KeyedRequests.IdOf(issued))).GetProperty("revokedAt").GetString().ShouldNotBeNullOrEmpty();
        (await requests.SendAsync("DELETE", "api/api-keys/0000dead", requests.Bootstrap)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BootstrapKey_InTheCodeQueryParameter_IsAdmin_AndAnAdminApiKeyIssuesKeys()
    {
        var admin = KeyedRequests.SecretOf(await requests.IssueAsync("Operator", "admin"));

        var byQuery = await requests.SendAsync("GET", $"api/api-keys?code={Uri.EscapeDataString(host.ApiKey)}", new Dictionary<string, string>());
        var byAdminKey = await requests.SendAsync("POST", "api/api-keys", KeyedRequests.Bearer(admin), """{"name":"Issued by a key","scope":"read_only"}""");
        var customerWithoutAccount = await requests.SendAsync("POST", "api/api-keys", requests.Bootstrap, """{"name":"Portal","scope":"customer"}""");

        byQuery.Status.ShouldBe(HttpStatusCode.OK);
        byAdminKey.Status.ShouldBe(HttpStatusCode.Created);
        customerWithoutAccount.Status.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(customerWithoutAccount.Body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["accountId"]);
    }

    [Fact]
    public async Task ListApiKeys_PageByPage_EveryKeyOnceInCreationOrder()
    {
        var issued = new List<string>();
        foreach (var name in new[] { "First of three", "Second of three", "Third of three" })
        {
            issued.Add(KeyedRequests.IdOf(await requests.IssueAsync(name, "read_only")));
        }

        var inOnePage = (await ListAllAsync(limit: 500)).Select(k => k.GetProperty("id").GetString()!).ToList();
        var byTwo = (await ListAllAsync(limit: 2)).Select(k => k.GetProperty("id").GetString()!).ToList();
        var badLimit = await requests.SendAsync("GET", "api/api-keys?limit=0", requests.Bootstrap);

        byTwo.ShouldBe(inOnePage);
        inOnePage.ShouldBeUnique();
        inOnePage.Where(issued.Contains).ShouldBe(issued);
        badLimit.Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task<JsonElement> ListedAsync(string id) =>
        (await ListAllAsync(limit: 500)).Single(k => k.GetProperty("id").GetString() == id);

    /// <summary>Every key, following <c>next_cursor</c> from page to page.</summary>
    private async Task<List<JsonElement>> ListAllAsync(int limit)
    {
        var keys = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var (status, body) = await requests.SendAsync("GET", $"api/api-keys?limit={limit}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), requests.Bootstrap);
            status.ShouldBe(HttpStatusCode.OK, body);
            var page = JsonDocument.Parse(body).RootElement;
            keys.AddRange(page.GetProperty("data").EnumerateArray().Select(k => k.Clone()));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        return keys;
    }
}
