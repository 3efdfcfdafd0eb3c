using Microsoft.Extensions.Configuration;
using ServerlessBilling.Storage;

namespace ServerlessBilling.DeploymentTests;

/// <summary>The two forms of the <c>BillingStorage</c> setting: a connection string locally, service URIs and a managed identity in Azure.</summary>
public class BillingStorageClientsTests
{
    [Fact]
    public void FromConfiguration_ServiceUris_PointsEachClientAtItsService()
    {
        var clients = BillingStorageClients.FromConfiguration(Settings(new()
        {
            ["BillingStorage:blobServiceUri"] = "https://acmebill.blob.core.windows.net",
            ["BillingStorage:queueServiceUri"] = "https://acmebill.queue.core.windows.net",
            ["BillingStorage:tableServiceUri"] = "https://acmebill.table.core.windows.net",
            ["BillingStorage:credential"] = "managedidentity",
            ["BillingStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        }));

        clients.Blobs.Uri.ShouldBe(new Uri("https://acmebill.blob.core.windows.net"));
        clients.Queues.Uri.ShouldBe(new Uri("https://acmebill.queue.core.windows.net"));
        clients.Tables.Uri.ShouldBe(new Uri("https://acmebill.table.core.windows.net"));
        clients.Blobs.AccountName.ShouldBe("acmebill");
    }

    [Fact]
    public void FromConfiguration_AccountNameOnly_UsesThePublicCloudEndpoints()
    {
        var clients = BillingStorageClients.FromConfiguration(Settings(new() { ["BillingStorage:accountName"] = "acmebill" }));

        clients.Blobs.Uri.ShouldBe(new Uri("https://acmebill.blob.core.windows.net"));
        clients.Queues.Uri.ShouldBe(new Uri("https://acmebill.queue.core.windows.net"));
        clients.Tables.Uri.ShouldBe(new Uri("https://acmebill.table.core.windows.net"));
    }

    [Fact]
    public void FromConfiguration_ConnectionString_WinsOverServiceUris()
    {
        var clients = BillingStorageClients.FromConfiguration(Settings(new()
        {
            ["BillingStorage"] = "UseDevelopmentStorage=true",
            ["BillingStorage:blobServiceUri"] = "https://acmebill.blob.core.windows.net",
        }));

        clients.Blobs.Uri.ShouldBe(new Uri("http://127.0.0.1:10000/devstoreaccount1"));
        clients.Tables.AccountName.ShouldBe("devstoreaccount1");
    }

    [Fact]
    public void FromConfiguration_NeitherForm_NamesTheSetting() =>
        Should.Throw<InvalidOperationException>(() => BillingStorageClients.FromConfiguration(Settings(new())))
            .Message.ShouldContain("BillingStorage");

    private static IConfiguration Settings(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
