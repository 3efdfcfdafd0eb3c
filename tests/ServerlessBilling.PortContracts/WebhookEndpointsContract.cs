using NodaTime;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.PortContracts;

/// <summary>Endpoints keep their secrets apart, apply concurrent changes one after the other without losing one, list the
/// enabled ones for the fan-out and page through all of them in id order.</summary>
public abstract class WebhookEndpointsContract : PortContract<IWebhookEndpoints>
{
    private static WebhookEndpoint Endpoint(string id, bool enabled = true) =>
        new(id, $"https://{id}.example.com/hook", ["invoice.finalized"], "CRM", enabled, Samples.Noon);

    [Fact]
    public async Task FindAsync_NothingAdded_IsNull()
    {
        (await Port.FindAsync("we_none", default)).ShouldBeNull();
        (await Port.FindSecretsAsync("we_none", default)).ShouldBeNull();
    }

    [Fact]
    public async Task AddAsync_ThenFind_TheEndpointAndItsSecretsAsAdded()
    {
        var endpoint = Endpoint("we_a") with { FailingSince = Samples.Noon };
        var secrets = new WebhookSecrets("whsec_new", "whsec_old", Samples.Noon + Duration.FromHours(24));

        await Port.AddAsync(endpoint, secrets, default);

        Samples.Json(await Port.FindAsync("we_a", default)).ShouldBe(Samples.Json(endpoint));
        (await Port.FindSecretsAsync("we_a", default)).ShouldBe(secrets);
    }

    [Fact]
    public async Task UpdateAsync_Absent_IsNullAndStoresNothing()
    {
        (await Port.UpdateAsync("we_none", e => e with { Enabled = false }, default)).ShouldBeNull();

        (await Port.FindAsync("we_none", default)).ShouldBeNull();
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentChanges_EveryChangeApplied()
    {
        await Port.AddAsync(Endpoint("we_a"), new WebhookSecrets("whsec_a"), default);

        await AllAtOnceAsync(6, i => Port.UpdateAsync("we_a", e => e with { EventTypes = [.. e.EventTypes, $"test.e{i}"] }, default));

        (await Port.FindAsync("we_a", default))!.EventTypes.Order(StringComparer.Ordinal)
            .ShouldBe(["invoice.finalized", "test.e0", "test.e1", "test.e2", "test.e3", "test.e4", "test.e5"]);
    }

    [Fact]
    public async Task SetSecretsAsync_ReplacesTheSecretsAndLeavesTheEndpoint()
    {
        await Port.AddAsync(Endpoint("we_a"), new WebhookSecrets("whsec_a"), default);
        var rotated = new WebhookSecrets("whsec_a").RotateTo("whsec_b", Samples.Noon + Duration.FromHours(1));

        await Port.SetSecretsAsync("we_a", rotated, default);
        await Port.UpdateAsync("we_a", e => e with { Description = "changed" }, default);

        (await Port.FindSecretsAsync("we_a", default)).ShouldBe(rotated);
        (await Port.FindAsync("we_a", default))!.Description.ShouldBe("changed");
    }

    [Fact]
    public async Task DeleteAsync_Stored_RemovesItWithItsSecretsFromEveryList()
    {
        await Port.AddAsync(Endpoint("we_a"), new WebhookSecrets("whsec_a"), default);
        await Port.AddAsync(Endpoint("we_b"), new WebhookSecrets("whsec_b"), default);

        (await Port.DeleteAsync("we_a", default)).ShouldBeTrue();

        (await Port.FindAsync("we_a", default)).ShouldBeNull();
        (await Port.FindSecretsAsync("we_a", default)).ShouldBeNull();
        (await Port.UpdateAsync("we_a", e => e with { Description = "back" }, default)).ShouldBeNull();
        (await Port.ListEnabledAsync(default)).Select(e => e.Id).ShouldBe(["we_b"]);
        (await Pages.AllAsync(10, page => Port.ListPageAsync(page, default))).SelectMany(p => p.Items).Select(e => e.Id).ShouldBe(["we_b"]);
    }

    [Fact]
    public async Task DeleteAsync_Absent_IsFalse()
    {
        await Port.AddAsync(Endpoint("we_a"), new WebhookSecrets("whsec_a"), default);
        await Port.DeleteAsync("we_a", default);

        (await Port.DeleteAsync("we_a", default)).ShouldBeFalse();
        (await Port.DeleteAsync("we_none", default)).ShouldBeFalse();
    }

    [Fact]
    public async Task ListEnabledAsync_OnlyTheEnabled()
    {
        await Port.AddAsync(Endpoint("we_a"), new WebhookSecrets("whsec_a"), default);
        await Port.AddAsync(Endpoint("we_b", enabled: false), new WebhookSecrets("whsec_b"), default);
        await Port.AddAsync(Endpoint("we_c"), new WebhookSecrets("whsec_c"), default);
        await Port.UpdateAsync("we_c", e => e with { Enabled = false }, default);

        (await Port.ListEnabledAsync(default)).Select(e => e.Id).ShouldBe(["we_a"]);
    }

    [Fact]
    public async Task ListPageAsync_FiveEndpoints_PagesOfTwoInIdOrder()
    {
        foreach (var id in new[] { "we_d", "we_b", "we_e", "we_a", "we_c" })
        {
            await Port.AddAsync(Endpoint(id, enabled: id != "we_c"), new WebhookSecrets("whsec_" + id), default);
        }

        var pages = await Pages.AllAsync(2, page => Port.ListPageAsync(page, default));

        pages.SelectMany(p => p.Items).Select(e => e.Id).ShouldBe(["we_a", "we_b", "we_c", "we_d", "we_e"]);
        pages.ShouldAllBe(p => p.Items.Count <= 2);
    }
}
