using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>Raw payloads in <c>raw-archive</c>, group-committed into append blobs under <c>{source}/{yyyy}/{MM}/{dd}/</c> (UTC day
/// received), one series of blobs per instance; a payload is named by its blob and byte range (<c>…/{blob}.raw#{offset}+{length}</c>).</summary>
/// <remarks>
/// One storage write per group instead of one per payload: concurrent deliveries share an append (see
/// <see cref="RawArchiveSegments"/>), and each is acknowledged only after the append carrying it. Payloads archived before
/// group commit, one blob each (<c>{source}/{yyyy}/{MM}/{dd}/{name}</c>), still read and list.
/// </remarks>
public sealed class BlobRawArchive : IRawArchive
{
    private const string SegmentExtension = ".raw";

    private readonly BlobContainerClient container;
    private readonly TimeProvider clock;
    private readonly int maxPayloadsPerGroup;
    private readonly TimeSpan groupWindow;
    private readonly string instance = Guid.NewGuid().ToString("N")[..12];
    private readonly ConcurrentDictionary<string, RawArchiveSegments> segments = new(StringComparer.Ordinal);

    /// <param name="maxPayloadsPerGroup">The most payloads one append carries (1 writes each alone).</param>
    /// <param name="groupWindow">How long an append that is not full waits for more payloads (zero: it is written at once).</param>
    public BlobRawArchive(BlobServiceClient blobs, TimeProvider clock, int maxPayloadsPerGroup, TimeSpan groupWindow = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadsPerGroup, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(groupWindow, TimeSpan.Zero);
        container = blobs.GetBlobContainerClient(StorageNames.RawArchiveContainer);
        this.clock = clock;
        this.maxPayloadsPerGroup = maxPayloadsPerGroup;
        this.groupWindow = groupWindow;
    }

    public Task<string> ArchiveAsync(string source, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var frame = RawArchiveFrame.Encode(name, contentType, content.Span);
        if (frame.Length > RawArchiveSegments.MaxGroupBytes)
        {
            throw new ArgumentException($"A raw payload over {RawArchiveSegments.MaxGroupBytes} bytes cannot be archived; the webhook routes refuse such bodies before this.", nameof(content));
        }

        var prefix = Prefix(source, Instant.FromDateTimeOffset(clock.GetUtcNow()).InUtc().Date);
        return segments.GetOrAdd(prefix, p => new RawArchiveSegments(container, p, instance, maxPayloadsPerGroup, groupWindow)).AppendAsync(frame, cancellationToken);
    }

    public async Task<ArchivedPayload?> ReadAsync(string archivedAs, CancellationToken cancellationToken)
    {
        if (!archivedAs.StartsWith(container.Name + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var path = archivedAs[(container.Name.Length + 1)..];
        var hash = path.LastIndexOf('#');
        try
        {
            if (hash < 0)
            {
                var whole = (await container.GetBlobClient(path).DownloadContentAsync(cancellationToken)).Value;
                return new ArchivedPayload(archivedAs, path[(path.LastIndexOf('/') + 1)..], whole.Details.ContentType, whole.Content.ToMemory());
            }

            if (!TryRange(path[(hash + 1)..], out var offset, out var length))
            {
                return null;
            }

            var frame = (await container.GetBlobClient(path[..hash]).DownloadContentAsync(
                new BlobDownloadOptions { Range = new HttpRange(offset, length) }, cancellationToken)).Value;
            // A range past the blob's end comes back short: then the name was not one this archive handed out.
            var bytes = frame.Content.ToMemory();
            return bytes.Length == length ? RawArchiveFrame.Decode(bytes, archivedAs) : null;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 416)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<ArchivedPayload> ListAsync(string source, LocalDate day, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix(source, day), cancellationToken))
        {
            var blob = container.GetBlobClient(item.Name);
            if (!item.Name.EndsWith(SegmentExtension, StringComparison.Ordinal))
            {
                var whole = (await blob.DownloadContentAsync(cancellationToken)).Value;
                yield return new ArchivedPayload($"{container.Name}/{item.Name}", item.Name[(item.Name.LastIndexOf('/') + 1)..], whole.Details.ContentType, whole.Content.ToMemory());
                continue;
            }

            await using var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: true), cancellationToken);
            await foreach (var (_, _, payload) in RawArchiveFrame.ReadAllAsync(
                stream, (offset, length) => string.Create(CultureInfo.InvariantCulture, $"{container.Name}/{item.Name}#{offset}+{length}"), cancellationToken))
            {
                yield return payload;
            }
        }
    }

    private static string Prefix(string source, LocalDate day) =>
        string.Create(CultureInfo.InvariantCulture, $"{source}/{day.Year:D4}/{day.Month:D2}/{day.Day:D2}/");

    private static bool TryRange(string range, out long offset, out int length)
    {
        var plus = range.IndexOf('+', StringComparison.Ordinal);
        length = 0;
        offset = 0;
        return plus > 0
            && long.TryParse(range.AsSpan(0, plus), NumberStyles.None, CultureInfo.InvariantCulture, out offset)
            && int.TryParse(range.AsSpan(plus + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length)
            && length > 0;
    }
}
