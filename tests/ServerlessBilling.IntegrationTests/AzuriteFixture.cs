using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests;

/// <summary>One in-memory Azurite for the test run, on its own ports (10100-10102) so it never touches development data; started if nothing listens there yet.</summary>
/// <remarks><c>TEST_AZURITE_PORT</c> moves the three ports (blob, queue, table), for test runs side by side; the port after them
/// is <see cref="Documents.HttpsAzurite"/>'s.</remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly int FirstPort = int.TryParse(Environment.GetEnvironmentVariable("TEST_AZURITE_PORT"), out var port) ? port : 10100;

    public static readonly AzuriteOptions Options = new(FirstPort, FirstPort + 1, FirstPort + 2, DataFolder: null);

    /// <summary>The ledger tables of this account: as the local host lays out Azurite (64, <c>BillingHost</c>), so the hosts the tests
    /// start accept it. A test that writes or reads the shared account's claims or usage rows itself goes through these.</summary>
    public static readonly LedgerTables Ledger = new(64);

    private Process? process;

    public string ConnectionString => Options.ConnectionString;

    public TableServiceClient Tables { get; } = new(Options.ConnectionString);

    public BlobServiceClient Blobs { get; } = new(Options.ConnectionString);

    public QueueServiceClient Queues { get; } = new(Options.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public async Task InitializeAsync()
    {
        process = await AzuriteLauncher.EnsureRunningAsync(Options, RepositoryRoot.Find(), TextWriter.Null, CancellationToken.None);
        await new StorageProvisioner(Tables, Blobs, Queues, Ledger).EnsureCreatedAsync(CancellationToken.None);
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
