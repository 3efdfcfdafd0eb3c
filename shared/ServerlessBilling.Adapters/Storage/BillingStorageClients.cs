using Azure.Core;
using Azure.Core.Pipeline;
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
    public static BillingStorageClients FromConfiguration(IConfiguration configuration) => FromConfiguration(configuration, observer: null);

    /// <param name="observer">A policy every request of the three clients passes through once per attempt (each attempt is a
    /// billed storage transaction), e.g. to count them; null for none.</param>
    public static BillingStorageClients FromConfiguration(IConfiguration configuration, HttpPipelinePolicy? observer)
    {
        var tableOptions = With(new TableClientOptions(), observer);
        var blobOptions = With(new BlobClientOptions(), observer);
        // The queue trigger decodes Base64 by default; the SDK client sends plain text unless told otherwise.
        var queueOptions = With(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, observer);
        if (configuration[StorageNames.Connection] is { Length: > 0 } connectionString)
        {
            var byKey = new TableServiceClient(connectionString, tableOptions);
            TableInsertBatches.Register(byKey, TableInsertBatches.FromConnectionString(byKey, connectionString, tableOptions));
            return new(byKey, new BlobServiceClient(connectionString, blobOptions), new QueueServiceClient(connectionString, queueOptions));
        }

        var section = configuration.GetSection(StorageNames.Connection);
        var credential = CredentialFor(section);
        var tables = new TableServiceClient(ServiceUri(section, "table"), credential, tableOptions);
        TableInsertBatches.Register(tables, TableInsertBatches.FromCredential(tables, credential, tableOptions));
        return new(
            tables,
            new BlobServiceClient(ServiceUri(section, "blob"), credential, blobOptions),
            new QueueServiceClient(ServiceUri(section, "queue"), credential, queueOptions));
    }

    private static TOptions With<TOptions>(TOptions options, HttpPipelinePolicy? observer)
        where TOptions : ClientOptions
    {
        if (observer is not null)
        {
            options.AddPolicy(observer, HttpPipelinePosition.PerRetry);
        }

        return options;
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
