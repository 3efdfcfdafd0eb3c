using System.Security.Cryptography;
using Azure.Data.Tables;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Storage;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.IntegrationTests.Storage;

/// <summary>The contract with the secrets sealed, as in Azure; and rows written before sealing read as they are and sealed by their next change.</summary>
[Collection(AzuriteCollection.Name)]
public class TableWebhookEndpointsContractTests(AzuriteFixture azurite) : WebhookEndpointsContract
{
    private readonly ScratchTables storage = new(azurite);
    private readonly WebhookSecretCipher cipher = new(RandomNumberGenerator.GetBytes(32));

    protected override async Task<IWebhookEndpoints> CreateAsync() => await storage.ReadyAsync<IWebhookEndpoints>(new TableWebhookEndpoints(storage, cipher));

    protected override Task CleanUpAsync() => storage.DeleteAsync();

    [Fact]
    public async Task AddAsync_WithAKey_StoresNoSecretInTheClear()
    {
        await Port.AddAsync(Endpoint("we_a"), new WebhookSecrets("whsec_current", "whsec_previous", Samples.Noon), default);

        var row = await RowAsync("we_a");

        row.GetString("Secret").ShouldStartWith("enc1.");
        row.GetString("PreviousSecret").ShouldStartWith("enc1.");
        string.Join('|', row.Select(p => p.Value)).ShouldNotContain("whsec_");
        (await Port.FindSecretsAsync("we_a", default)).ShouldBe(new WebhookSecrets("whsec_current", "whsec_previous", Samples.Noon));
    }

    [Fact]
    public async Task UpdateAsync_RowWrittenBeforeSealing_ReadAsItIsThenSealedByTheChange()
    {
        var secrets = new WebhookSecrets("whsec_legacy", "whsec_older", Samples.Noon);
        var beforeSealing = await storage.ReadyAsync(new TableWebhookEndpoints(storage, WebhookSecretCipher.None));
        await beforeSealing.AddAsync(Endpoint("we_old"), secrets, default);
        (await RowAsync("we_old")).GetString("Secret").ShouldBe("whsec_legacy");

        var read = await Port.FindSecretsAsync("we_old", default);
        await Port.UpdateAsync("we_old", e => e with { Description = "changed" }, default);

        read.ShouldBe(secrets);
        var row = await RowAsync("we_old");
        (row.GetString("Secret"), row.GetString("PreviousSecret")).ShouldSatisfyAllConditions(
            s => s.Item1.ShouldStartWith("enc1."),
            s => s.Item2.ShouldStartWith("enc1."));
        (await Port.FindSecretsAsync("we_old", default)).ShouldBe(secrets);
        (await Port.FindAsync("we_old", default))!.Description.ShouldBe("changed");
    }

    [Fact]
    public async Task FindSecretsAsync_SealedUnderAnotherKey_ThrowsNamingIt()
    {
        await Port.AddAsync(Endpoint("we_a"), new WebhookSecrets("whsec_current"), default);

        var otherKey = new TableWebhookEndpoints(storage, new WebhookSecretCipher(RandomNumberGenerator.GetBytes(32)));

        await Should.ThrowAsync<InvalidOperationException>(() => otherKey.FindSecretsAsync("we_a", default));
    }

    private static WebhookEndpoint Endpoint(string id) => new(id, $"https://{id}.example.com/hook", ["invoice.finalized"], "CRM", true, Samples.Noon);

    private async Task<TableEntity> RowAsync(string endpointId) =>
        (await storage.GetTableClient(StorageNames.WebhookEndpointsTable).GetEntityAsync<TableEntity>("endpoint", endpointId)).Value;
}
