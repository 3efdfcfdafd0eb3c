using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace ServerlessBilling.Storage;

/// <summary>The clients for the billing data's storage account, built from the <c>BillingStorage</c> setting in either form the Functions triggers accept.</summary>
/// <remarks>
/// A connection string in <c>BillingStorage</c> (Azurite, or an account key) wins. Otherwise the identity-based form is read:
/// <c>BillingStorage:blobServiceUri</c>, <c>:queueServiceUri</c> and <c>:tableServiceUri</c> (or <c>:accountName</c> for the
/// public cloud's default endpoints), authenticated as the managed identity in <c>:clientId</c> when
/// <c>:credential</c> is <c>managedidentity</c>, else with <see cref="DefaultAzureCredential"/> (a developer's sign-in).
/// </remarks>
public sealed record BillingStorageClients(TableServiceClient Tables, BlobServiceClient Blobs, QueueServiceClient Queues)
{
    // The queue trigger decodes Base64 by default; the SDK client sends plain text unless told otherwise.
    private static readonly QueueClientOptions QueueOptions = new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public static BillingStorageClients FromConfiguration(IConfiguration configuration)
    {
        if (configuration[StorageNames.Connection] is { Length: > 0 } connectionString)
        {
            return new(new TableServiceClient(connectionString), new BlobServiceClient(connectionString), new QueueServiceClient(connectionString, QueueOptions));
        }

        var section = configuration.GetSection(StorageNames.Connection);
        var credential = CredentialFor(section);
        return new(
            new TableServiceClient(ServiceUri(section, "table"), credential),
            new BlobServiceClient(ServiceUri(section, "blob"), credential),
            new QueueServiceClient(ServiceUri(section, "queue"), credential, QueueOptions));
    }

    private static Uri ServiceUri(IConfigurationSection section, string service)
    {
        if (section[$"{service}ServiceUri"] is { Length: > 0 } uri)
        {
            return new Uri(uri);
        }

        return section["accountName"] is { Length: > 0 } accountName
            ? new Uri($"https://{accountName}.{service}.core.windows.net")
            : throw new InvalidOperationException(
                $"Setting '{StorageNames.Connection}' is missing: set a connection string, or '{StorageNames.Connection}__{service}ServiceUri' (or '__accountName') for an identity-based connection.");
    }

    /// <summary>The credential an identity-based setting names: the managed identity in <c>:clientId</c> when <c>:credential</c> is <c>managedidentity</c>, else a developer's sign-in.</summary>
    internal static TokenCredential CredentialFor(IConfigurationSection section)
    {
        var clientId = section["clientId"] is { Length: > 0 } id ? id : null;
        return string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }
}
