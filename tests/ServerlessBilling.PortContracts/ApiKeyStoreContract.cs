using NodaTime;
using ServerlessBilling.Access;

namespace ServerlessBilling.PortContracts;

/// <summary>API keys are created once per id, read back with their hash, listed in creation order; a revocation keeps its first
/// time, and a recorded use never moves the last-used time backwards nor touches a key that is not there.</summary>
public abstract class ApiKeyStoreContract : PortContract<IApiKeyStore>
{
    private static readonly Instant Created = Instant.FromUtc(2026, 12, 1, 9, 0);

    [Fact]
    public async Task TryCreateAsync_ThenFind_ReadsTheKeyAndItsHash_AndASecondCreateOfTheIdIsRefused()
    {
        var key = Key("0a1b2c3d", "CRM sync", ApiKeyScope.ReadOnly, null, Created);

        (await Port.TryCreateAsync(key, default)).ShouldBeTrue();
        (await Port.TryCreateAsync(Key("0a1b2c3d", "Other", ApiKeyScope.Admin, null, At(5)), default)).ShouldBeFalse();

        var found = await Port.FindAsync("0a1b2c3d", default);
        found.ShouldBe(key);
        (await Port.FindAsync("ffffffff", default)).ShouldBeNull();
    }

    [Fact]
    public async Task ListAsync_EveryKeyInCreationOrder_WithoutSecrets()
    {
        await Port.TryCreateAsync(Key("00000002", "Second", ApiKeyScope.Admin, null, At(60)), default);
        await Port.TryCreateAsync(Key("00000001", "Portal", ApiKeyScope.Customer, "acme", Created), default);
        await Port.TryCreateAsync(Key("00000003", "Third", ApiKeyScope.ReadOnly, null, At(120)), default);

        var pages = await Pages.AllAsync(2, page => Port.ListAsync(page, default));

        Pages.Sizes(pages)[0].ShouldBe(2);
        pages.SelectMany(p => p.Items).Select(k => (k.Id, k.Name, k.Scope, k.AccountId)).ShouldBe(
            [("00000001", "Portal", ApiKeyScope.Customer, "acme"), ("00000002", "Second", ApiKeyScope.Admin, null), ("00000003", "Third", ApiKeyScope.ReadOnly, null)]);
    }

    [Fact]
    public async Task RevokeAsync_KeepsTheFirstRevocationTime_AndIsNullForAMissingKey()
    {
        await Port.TryCreateAsync(Key("0000000a", "Old", ApiKeyScope.Admin, null, Created), default);

        var first = await Port.RevokeAsync("0000000a", At(10), default);
        var again = await Port.RevokeAsync("0000000a", At(20), default);

        first!.RevokedAt.ShouldBe(At(10));
        again!.RevokedAt.ShouldBe(At(10));
        (await Port.FindAsync("0000000a", default))!.Key.RevokedAt.ShouldBe(At(10));
        (await Port.RevokeAsync("0000000b", Created, default)).ShouldBeNull();
    }

    [Fact]
    public async Task RecordUseAsync_KeepsTheLatestTime_KeepsTheRevocation_AndIgnoresAMissingKey()
    {
        await Port.TryCreateAsync(Key("0000000c", "Busy", ApiKeyScope.Admin, null, Created), default);
        await Port.RevokeAsync("0000000c", At(30), default);

        await Port.RecordUseAsync("0000000c", At(120), default);
        await Port.RecordUseAsync("0000000c", At(60), default);
        await Port.RecordUseAsync("0000000d", Created, default);

        var stored = (await Port.FindAsync("0000000c", default))!;
        (stored.Key.LastUsedAt, stored.Key.RevokedAt).ShouldBe((At(120), At(30)));
        (await Port.FindAsync("0000000d", default)).ShouldBeNull();
    }

    private static Instant At(int seconds) => Created.Plus(Duration.FromSeconds(seconds));

    private static StoredApiKey Key(string id, string name, ApiKeyScope scope, string? accountId, Instant created) =>
        new(new ApiKey(id, name, scope, accountId, created), ApiKeySecrets.Hash($"sb_live_{id}_secret"));
}
