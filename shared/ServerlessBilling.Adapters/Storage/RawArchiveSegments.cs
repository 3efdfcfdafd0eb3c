using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace ServerlessBilling.Storage;

/// <summary>Group commit of one source's payloads for one day into this instance's append blobs
/// (<c>{source}/{yyyy}/{MM}/{dd}/{instance}-{n}.raw</c>): frames that arrive while an append is in flight go together in the next.</summary>
/// <remarks>
/// A group is one append block (<see cref="GroupCommit{TItem}"/>), and each frame's caller is answered with where it landed. A failed
/// append fails every frame in it (none is acknowledged; the vendor redelivers) and the next append starts a new blob, so a frame
/// cut short can only be a blob's last. Only this instance appends to its blobs, so no two writers interleave.
/// </remarks>
internal sealed class RawArchiveSegments(
    BlobContainerClient container, string prefix, string instance, int maxPayloadsPerGroup, TimeSpan groupWindow)
    : GroupCommit<byte[]>(maxPayloadsPerGroup, MaxGroupBytes, groupWindow)
{
    /// <summary>The service's largest append block.</summary>
    public const int MaxGroupBytes = 4 * 1024 * 1024;

    /// <summary>An append blob takes 50,000 blocks; a new one is started well before.</summary>
    private const int MaxBlocksPerSegment = 45_000;

    private AppendBlobClient? segment;
    private int sequence;

    /// <returns>Where the frame was archived (<c>{container}/{blob}#{offset}+{length}</c>), once it is durable.</returns>
    public Task<string> AppendAsync(byte[] frame, CancellationToken cancellationToken) => SubmitAsync(frame, cancellationToken);

    protected override int BytesOf(byte[] item) => item.Length;

    protected override async Task<IReadOnlyList<string>> WriteGroupAsync(IReadOnlyList<byte[]> group, CancellationToken cancellationToken)
    {
        var buffer = new byte[group.Sum(f => f.Length)];
        var at = 0;
        foreach (var frame in group)
        {
            frame.CopyTo(buffer, at);
            at += frame.Length;
        }

        try
        {
            var blob = await SegmentAsync(cancellationToken);
            using var content = new MemoryStream(buffer, writable: false);
            var appended = (await blob.AppendBlockAsync(content, cancellationToken: cancellationToken)).Value;
            var offset = long.Parse(appended.BlobAppendOffset, CultureInfo.InvariantCulture);
            var places = new List<string>(group.Count);
            foreach (var frame in group)
            {
                places.Add(string.Create(CultureInfo.InvariantCulture, $"{container.Name}/{blob.Name}#{offset}+{frame.Length}"));
                offset += frame.Length;
            }

            if (appended.BlobCommittedBlockCount >= MaxBlocksPerSegment)
            {
                segment = null;
            }

            return places;
        }
        catch
        {
            // The append may have landed in part: the next group starts a new blob, so a frame cut short stays this blob's last.
            segment = null;
            throw;
        }
    }

    private async Task<AppendBlobClient> SegmentAsync(CancellationToken cancellationToken)
    {
        if (segment is null)
        {
            sequence++;
            var blob = container.GetAppendBlobClient(string.Create(CultureInfo.InvariantCulture, $"{prefix}{instance}-{sequence:D4}.raw"));
            await blob.CreateIfNotExistsAsync(
                new AppendBlobCreateOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" } }, cancellationToken);
            segment = blob;
        }

        return segment;
    }
}
