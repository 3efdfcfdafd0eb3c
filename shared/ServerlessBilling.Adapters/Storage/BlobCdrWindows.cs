using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Storage;

/// <summary>CDR read windows in <c>cdr-windows</c>, one gzipped JSON array of events per window (<c>{file}/{etag}/{first line}</c>).</summary>
/// <remarks>One write per 10,000 lines and one read per delivery of its message; gzip keeps a window of about 3.5 MB of JSON near
/// 300 KB. The blobs are not deleted by rating (a message queued twice after a crash reads its window twice); the container's
/// lifecycle rule removes them after the queue could still hold their message.</remarks>
public sealed class BlobCdrWindows(BlobServiceClient blobs) : ICdrWindows
{
    private readonly BlobContainerClient container = blobs.GetBlobContainerClient(StorageNames.CdrWindowsContainer);

    public async Task SaveAsync(string name, IEnumerable<UsageEvent> events, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        await using (var gzip = new GZipStream(content, CompressionLevel.Fastest, leaveOpen: true))
        {
            await JsonSerializer.SerializeAsync(gzip, events, BillingJson.Options, cancellationToken);
        }

        content.Position = 0;
        await container.GetBlobClient(name).UploadAsync(
            content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json", ContentEncoding = "gzip" } }, cancellationToken);
    }

    /// <remarks>The events are decompressed and parsed from the download's network stream one at a time, as rating takes them: only
    /// the parser's buffer and the events rating keeps are held, never the window's JSON or a list of its events.</remarks>
    public async IAsyncEnumerable<UsageEvent> ReadAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var download = await container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
        await using var gzip = new GZipStream(download.Value.Content, CompressionMode.Decompress);
        await foreach (var usage in JsonSerializer.DeserializeAsyncEnumerable<UsageEvent>(gzip, BillingJson.Options, cancellationToken))
        {
            yield return usage ?? throw new InvalidDataException($"The CDR window {name} holds a null event.");
        }
    }
}
