using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests;

/// <summary>One in-memory Azurite for the test run, on its own ports (10100-10102) so it never touches development data; started if nothing listens there yet.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public static readonly AzuriteOptions Options = new(10100, 10101, 10102, DataFolder: null);

    private Process? process;

    public string ConnectionString => Options.ConnectionString;

    public TableServiceClient Tables { get; } = new(Options.ConnectionString);

    public BlobServiceClient Blobs { get; } = new(Options.ConnectionString);

    public QueueServiceClient Queues { get; } = new(Options.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public async Task InitializeAsync()
    {
        process = await AzuriteLauncher.EnsureRunningAsync(Options, RepositoryRoot.Find(), TextWriter.Null, CancellationToken.None);
        await new StorageProvisioner(Tables, Blobs, Queues).EnsureCreatedAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        process?.Kill(entireProcessTree: true);
        process?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
