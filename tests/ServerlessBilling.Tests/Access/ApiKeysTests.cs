using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Access;
using ServerlessBilling.Accounts;
using ServerlessBilling.Paging;
using ServerlessBilling.Tests.Accounts;

namespace ServerlessBilling.Tests.Access;

/// <summary>A key's life: issued with its secret shown once and only the hash stored, recognised by that secret alone, its last use
/// written at most once a minute, and nothing after it is revoked.</summary>
public class ApiKeysTests
{
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 12, 3, 9, 0));
    private readonly InMemoryApiKeyStore store = new();
    private readonly ApiKeys keys;

    public ApiKeysTests() =>
        keys = new ApiKeys(store, new InMemoryAccountDirectory(new Account("acme", "Acme", "p", new BillingProfile("UTC", 1, "USD"))), clock);

    [Fact]
    public async Task IssueAsync_ShowsTheSecretOnce_AndStoresOnlyItsSha256()
    {
        var issued = (await keys.IssueAsync(new ApiKeyRequest(" CRM sync ", ApiKeyScope.ReadOnly, null), default)).Value;

        issued.Secret.ShouldStartWith($"sb_live_{issued.Key.Id}_");
        issued.Secret.Length.ShouldBe("sb_live_".Length + 8 + 1 + 43);
        (issued.Key.Name, issued.Key.Scope, issued.Key.Prefix, issued.Key.CreatedAt).ShouldBe(("CRM sync", ApiKeyScope.ReadOnly, $"sb_live_{issued.Key.Id}", clock.GetCurrentInstant()));
        var stored = (await store.FindAsync(issued.Key.Id, default))!;
        stored.SecretHash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Secret))));
        stored.Key.ShouldBe(issued.Key);
        JsonSerializer.Serialize(await keys.ListAsync(PageRequest.First(), default), BillingJson.Options).ShouldNotContain(issued.Secret[17..]);
    }

    [Fact]
    public async Task AuthenticateAsync_OnlyTheWholeSecret_IsTheKey()
    {
        var issued = (await keys.IssueAsync(new ApiKeyRequest("Portal", ApiKeyScope.Customer, "acme"), default)).Value;
        var altered = issued.Secret[..^1] + (issued.Secret[^1] == 'A' ? 'B' : 'A');

        (await keys.AuthenticateAsync(issued.Secret, default)).Value.Id.ShouldBe(issued.Key.Id);
        (await keys.AuthenticateAsync(altered, default)).Problem!.Kind.ShouldBe(ProblemKind.Unauthorized);
        (await keys.AuthenticateAsync(issued.Key.Prefix, default)).Problem!.Kind.ShouldBe(ProblemKind.Unauthorized);
        (await keys.AuthenticateAsync("sb_live_ffffffff_" + issued.Secret[17..], default)).Problem!.Kind.ShouldBe(ProblemKind.Unauthorized);
        (await keys.AuthenticateAsync("", default)).Problem!.Kind.ShouldBe(ProblemKind.Unauthorized);
    }

    [Fact]
    public async Task RevokeAsync_TheKeyAuthenticatesNothingAfter_AndRevokingAgainKeepsTheFirstTime()
    {
        var issued = (await keys.IssueAsync(new ApiKeyRequest("Old", ApiKeyScope.Admin, null), default)).Value;
        var revokedAt = clock.GetCurrentInstant();

        (await keys.RevokeAsync(issued.Key.Id, default)).Value.RevokedAt.ShouldBe(revokedAt);
        clock.AdvanceMinutes(5);
        (await keys.RevokeAsync(issued.Key.Id, default)).Value.RevokedAt.ShouldBe(revokedAt);

        var refused = await keys.AuthenticateAsync(issued.Secret, default);
        (refused.Problem!.Kind, refused.Problem.Title).ShouldBe((ProblemKind.Unauthorized, $"The API key {issued.Key.Prefix} was revoked"));
        (await keys.RevokeAsync("0badc0de", default)).Problem!.Kind.ShouldBe(ProblemKind.NotFound);
    }

    [Fact]
    public async Task AuthenticateAsync_WritesTheLastUseAtMostOnceAMinute()
    {
        var issued = (await keys.IssueAsync(new ApiKeyRequest("Busy", ApiKeyScope.Admin, null), default)).Value;
        var first = clock.GetCurrentInstant();

        await keys.AuthenticateAsync(issued.Secret, default);
        clock.AdvanceSeconds(30);
        await keys.AuthenticateAsync(issued.Secret, default);
        clock.AdvanceSeconds(29);
        await keys.AuthenticateAsync(issued.Secret, default);
        var withinTheMinute = (await store.FindAsync(issued.Key.Id, default))!.Key.LastUsedAt;
        clock.AdvanceSeconds(1);
        await keys.AuthenticateAsync(issued.Secret, default);

        withinTheMinute.ShouldBe(first);
        (await store.FindAsync(issued.Key.Id, default))!.Key.LastUsedAt.ShouldBe(first.Plus(Duration.FromSeconds(60)));
        store.UseWrites.ShouldBe(2);
    }

    [Theory]
    [InlineData(null, "read_only", null, "name")]
    [InlineData("Portal", null, null, "scope")]
    [InlineData("Portal", "customer", null, "accountId")]
    [InlineData("Portal", "customer", "a/b", "accountId")]
    [InlineData("Portal", "customer", "nobody", "accountId")]
    [InlineData("CRM", "read_only", "acme", "accountId")]
    [InlineData("CRM", "admin", "acme", "accountId")]
    public async Task IssueAsync_ARequestThatBreaksARule_NamesItsField_AndStoresNothing(string? name, string? scope, string? accountId, string field)
    {
        var request = JsonSerializer.Deserialize<ApiKeyRequest>(
            JsonSerializer.Serialize(new { name, scope, accountId }, BillingJson.Options), BillingJson.Options)!;

        var refused = await keys.IssueAsync(request, default);

        refused.Problem!.Fields.Select(f => f.Field).ShouldBe([field]);
        (await store.ListAsync(PageRequest.First(), default)).Items.ShouldBeEmpty();
    }

    [Fact]
    public void Scopes_GoOverTheWireAsTheirSnakeCaseNames()
    {
        var key = new ApiKey("0a1b2c3d", "Portal", ApiKeyScope.Customer, "acme", Instant.FromUtc(2026, 12, 3, 9, 0));

        JsonSerializer.Serialize(key, BillingJson.Options).ShouldBe(
            """{"id":"0a1b2c3d","name":"Portal","scope":"customer","accountId":"acme","createdAt":"2026-12-03T09:00:00Z","prefix":"sb_live_0a1b2c3d","isRevoked":false}""");
        JsonSerializer.Deserialize<ApiKeyRequest>("""{"name":"CRM","scope":"read_only"}""", BillingJson.Options)!.Scope.ShouldBe(ApiKeyScope.ReadOnly);
    }
}
