using Azure.Data.Tables;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>The Azurite the local host starts with a data folder (<c>serve</c>'s) keeps what it acknowledged: it saves its stores
/// once writes pause, not on a 5-second clock, a table at a time between requests, and a stop asks it to save what is left before it
/// exits. Each file is read back by Azurite's own load, by starting it again.</summary>
/// <remarks>Its own Azurite, 70 ports above the test run's (TEST_AZURITE_PORT, default 10100), on a folder of its own.</remarks>
public sealed partial class AzuriteDataFolderTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"azurite-data-{Guid.NewGuid():N}");

    private readonly AzuriteOptions options;

    public AzuriteDataFolderTests()
    {
        var first = (int.TryParse(Environment.GetEnvironmentVariable("TEST_AZURITE_PORT"), out var port) ? port : 10100) + 70;
        options = new AzuriteOptions(first, first + 1, first + 2, folder);
    }

    [Fact]
    public async Task Stop_RightAfterWrites_TheyAreThereWhenItStartsAgain()
    {
        var azurite = await StartAsync();
        try
        {
            await WriteAsync(200);
        }
        finally
        {
            AzuriteLauncher.Stop(azurite); // at once: no save has happened since the writes (they had not paused)
        }

        (await CountAfterRestartAsync()).ShouldBe(200);
    }

    [Fact]
    public async Task KilledOnceWritesHavePaused_TheyAreThereWhenItStartsAgain()
    {
        var azurite = await StartAsync();
        try
        {
            await WriteAsync(50);

            // Saved a second after the last write; killed with no chance to save (as a crash or a lost machine would), after 3 s.
            await Task.Delay(TimeSpan.FromSeconds(3));
            azurite.Kill(entireProcessTree: true);
            await azurite.WaitForExitAsync();
        }
        finally
        {
            AzuriteLauncher.Stop(azurite);
        }

        (await CountAfterRestartAsync()).ShouldBe(50);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<System.Diagnostics.Process> StartAsync() =>
        await AzuriteLauncher.EnsureRunningAsync(options, RepositoryRoot.Find(), TextWriter.Null, CancellationToken.None)
            ?? throw new InvalidOperationException($"An Azurite already listens on {options.BlobPort}; this test needs its own.");

    private TableClient Table => new TableServiceClient(options.ConnectionString).GetTableClient("Kept");

    private async Task WriteAsync(int count)
    {
        await Table.CreateIfNotExistsAsync();
        for (var i = 0; i < count; i++)
        {
            await Table.AddEntityAsync(new TableEntity("p", $"{i:D4}") { ["Amount"] = 1.5 });
        }
    }

    private async Task<int> CountAfterRestartAsync()
    {
        var azurite = await StartAsync();
        try
        {
            var count = 0;
            await foreach (var _ in Table.QueryAsync<TableEntity>(e => e.PartitionKey == "p"))
            {
                count++;
            }

            return count;
        }
        finally
        {
            AzuriteLauncher.Stop(azurite);
        }
    }
}
