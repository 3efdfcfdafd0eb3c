using Azure.Data.Tables;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>Test fixtures start the run's Azurite side by side (each asks for it if nothing listens yet): two starts on the same
/// free ports both succeed, the first owning the Azurite that serves and the second finding it listening.</summary>
/// <remarks>Its own Azurite, 40 ports above the test run's (TEST_AZURITE_PORT, default 10100).</remarks>
public sealed class AzuriteLauncherTests
{
    [Fact]
    public async Task EnsureRunning_TwoStartsAtOnceOnFreePorts_BothSucceedAndOneOwnsTheAzurite()
    {
        var first = (int.TryParse(Environment.GetEnvironmentVariable("TEST_AZURITE_PORT"), out var port) ? port : 10100) + 40;
        var options = new AzuriteOptions(first, first + 1, first + 2, DataFolder: null);
        AzuriteLauncher.IsListening(options.BlobPort).ShouldBeFalse($"this test needs port {options.BlobPort} free");

        var starts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            Task.Run(() => AzuriteLauncher.EnsureRunningAsync(options, RepositoryRoot.Find(), TextWriter.Null, CancellationToken.None))));
        try
        {
            starts.Count(started => started is not null).ShouldBe(1);
            var table = new TableServiceClient(options.ConnectionString).GetTableClient("Started");
            await table.CreateIfNotExistsAsync();
            await table.AddEntityAsync(new TableEntity("p", "r"));
            (await table.GetEntityAsync<TableEntity>("p", "r")).Value.RowKey.ShouldBe("r");
        }
        finally
        {
            foreach (var started in starts)
            {
                AzuriteLauncher.Stop(started);
                started?.Dispose();
            }
        }
    }
}
