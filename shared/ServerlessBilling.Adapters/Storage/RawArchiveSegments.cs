using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace ServerlessBilling.Storage;

/// <summary>Group commit of one source's payloads for one day into this instance's append blobs
/// (<c>{source}/{yyyy}/{MM}/{dd}/{instance}-{n}.raw</c>): frames that arrive while an append is in flight go together in the next.</summary>
/// <remarks>
/// Whoever holds the gate waits up to the group window for more frames unless the group is already full, then appends
/// everything queued (up to the group's limits) in one append block and completes each frame
/// with where it landed; a caller returns only once the append carrying its frame succeeded, so every name handed out is
/// durable. A failed append fails every frame in it (none is acknowledged; the vendor redelivers) and the next append starts a
/// new blob, so a frame cut short can only be a blob's last. Only this instance appends to its blobs, so no two writers interleave.
/// </remarks>
internal sealed class RawArchiveSegments(
    BlobContainerClient container, string prefix, string instance, int maxPayloadsPerGroup, TimeSpan groupWindow)
{
    /// <summary>The service's largest append block.</summary>
    public const int MaxGroupBytes = 4 * 1024 * 1024;

    /// <summary>An append blob takes 50,000 blocks; a new one is started well before.</summary>
    private const int MaxBlocksPerSegment = 45_000;

    private readonly ConcurrentQueue<Pending> queue = new();
    private readonly SemaphoreSlim gate = new(1, 1);
    private AppendBlobClient? segment;
    private int sequence;

    /// <returns>Where the frame was archived (<c>{container}/{blob}#{offset}+{length}</c>), once it is durable.</returns>
    public async Task<string> AppendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        var pending = new Pending(frame);
        queue.Enqueue(pending);
        await gate.WaitAsync(cancellationToken);
        try
        {
            // The window counts from the oldest waiting arrival: those that queued behind the previous write have waited already.
            var left = queue.TryPeek(out var oldest) ? groupWindow - Stopwatch.GetElapsedTime(oldest.Arrived) : TimeSpan.Zero;
            if (!pending.Done.Task.IsCompleted && left > TimeSpan.Zero && queue.Count < maxPayloadsPerGroup)
            {
                // The system timer, not the host's clock: a host running on a test clock must still answer its deliveries.
                await Task.Delay(left, CancellationToken.None);
            }

            while (!pending.Done.Task.IsCompleted)
            {
                // Not the caller's token: the group carries other callers' frames too.
                await CommitNextGroupAsync(CancellationToken.None);
            }
        }
        finally
        {
            gate.Release();
        }

        return await pending.Done.Task;
    }

    private async Task CommitNextGroupAsync(CancellationToken cancellationToken)
    {
        var group = new List<Pending>();
        var bytes = 0;
        while (group.Count < maxPayloadsPerGroup && queue.TryPeek(out var next) && (group.Count == 0 || bytes + next.Frame.Length <= MaxGroupBytes))
        {
            queue.TryDequeue(out _);
            group.Add(next);
            bytes += next.Frame.Length;
        }

        var buffer = new byte[bytes];
        var at = 0;
        foreach (var pending in group)
        {
            pending.Frame.CopyTo(buffer, at);
            at += pending.Frame.Length;
        }

        try
        {
            var blob = await SegmentAsync(cancellationToken);
            using var content = new MemoryStream(buffer, writable: false);
            var appended = (await blob.AppendBlockAsync(content, cancellationToken: cancellationToken)).Value;
            var offset = long.Parse(appended.BlobAppendOffset, CultureInfo.InvariantCulture);
            foreach (var pending in group)
            {
                pending.Done.TrySetResult(string.Create(CultureInfo.InvariantCulture, $"{container.Name}/{blob.Name}#{offset}+{pending.Frame.Length}"));
                offset += pending.Frame.Length;
            }

            if (appended.BlobCommittedBlockCount >= MaxBlocksPerSegment)
            {
                segment = null;
            }
        }
        catch (Exception failure)
        {
            segment = null;
            foreach (var pending in group)
            {
                pending.Done.TrySetException(failure);
            }
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

    private sealed class Pending(byte[] frame)
    {
        public byte[] Frame { get; } = frame;

        /// <summary>When it was queued (a <see cref="Stopwatch"/> timestamp), for the group window.</summary>
        public long Arrived { get; } = Stopwatch.GetTimestamp();

        public TaskCompletionSource<string> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
