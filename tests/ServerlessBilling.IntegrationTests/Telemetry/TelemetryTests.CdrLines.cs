using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Functions.Ingest;
using ServerlessBilling.Storage;
using ServerlessBilling.Telemetry;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.IntegrationTests.Telemetry;

/// <summary>The CDR lines counter counts a file version's lines once, however often the blob trigger runs on it.</summary>
public partial class TelemetryTests
{
    [Fact]
    public async Task CdrFile_TriggeredAgainAfterItWasRead_CountsItsLinesOnce()
    {
        var (account, period) = await SeedAsync("otel-cdr-once", "+17205550460");
        var d = period.Start.PlusDays(3).ToString("yyyy-MM-dd", null);
        var cdr = string.Join('\n',
            $"\"\",\"3035550061\",\"17205550460\",\"from-trunk\",\"\",\"SIP/a\",\"SIP/b\",\"Dial\",\"\",\"{d} 08:00:00\",\"{d} 08:00:03\",\"{d} 08:02:13\",133,130,\"ANSWERED\",\"BILLING\",\"otel.once.1\"",
            "\"a line that is no call\"",
            $"\"\",\"3035550062\",\"17205550460\",\"from-trunk\",\"\",\"SIP/c\",\"SIP/d\",\"Dial\",\"\",\"{d} 09:00:00\",\"{d} 09:00:01\",\"{d} 09:00:08\",8,7,\"ANSWERED\",\"BILLING\",\"otel.once.2\"");
        var blob = new BlobServiceClient(AzuriteFixture.Options.ConnectionString)
            .GetBlobContainerClient(StorageNames.CdrDropsContainer).GetBlobClient($"asterisk/UTC/otel-once-{Guid.NewGuid():N}.csv");
        // Marked as the local host's watcher marks what it has read, so only this test's two runs of the trigger read it.
        await blob.UploadAsync(BinaryData.FromString(cdr), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["ingested"] = "by the test" } });
        using var measured = new MeasuredMetrics(host.Host.Services.GetRequiredService<BillingMetrics>().Meter);

        await ActivatorUtilities.CreateInstance<CdrDropFunction>(host.Host.Services).Run(blob, CancellationToken.None);
        await ActivatorUtilities.CreateInstance<CdrDropFunction>(host.Host.Services).Run(blob, CancellationToken.None);

        measured.Sum(TelemetryNames.CdrLines, ("source", CdrFormat.Asterisk)).ShouldBe(3);
        measured.Sum(TelemetryNames.IngestEvents, ("source", CdrFormat.Asterisk), ("outcome", "received")).ShouldBe(3);
        measured.Sum(TelemetryNames.IngestEvents, ("source", CdrFormat.Asterisk), ("outcome", "quarantined")).ShouldBe(1);
        await host.Host.Services.WaitForUsageAsync(account.Id, period, expected: 2);
    }
}
