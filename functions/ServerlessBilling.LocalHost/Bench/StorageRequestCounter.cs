using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using ServerlessBilling.LocalHost.Azurite;

namespace ServerlessBilling.LocalHost.Bench;

/// <summary>Counts every request the billing storage clients send, once per attempt, in the classes storage is billed by.</summary>
/// <remarks>A table batch (entity group transaction) is one request and counts once. Blob reads are GET and HEAD requests other
/// than listings; listings, uploads, metadata and deletes count as blob writes, which is how list operations are priced. Each request
/// is also counted by its table, queue or container and kind (<see cref="StorageRequestKind"/>), so a phase's requests can be told apart.</remarks>
/// <param name="azurite">The emulator the clients talk to: on it every service is on 127.0.0.1 and its port tells which.</param>
public sealed class StorageRequestCounter(AzuriteOptions azurite) : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<StorageRequestKind, StrongBox<long>> byKind = new();
    private long tables, queues, blobWrites, blobReads, ratingDeletes;

    /// <summary>What was counted so far by table, queue or container and kind; subtract two snapshots for a span of the run.</summary>
    public IReadOnlyDictionary<StorageRequestKind, long> SnapshotByKind() => byKind.ToDictionary(p => p.Key, p => Interlocked.Read(ref p.Value.Value));

    /// <summary>What was counted so far; subtract two snapshots for a span of the run.</summary>
    public StorageCounts Snapshot() => new(
        Interlocked.Read(ref tables), Interlocked.Read(ref queues), Interlocked.Read(ref blobWrites), Interlocked.Read(ref blobReads),
        Interlocked.Read(ref ratingDeletes));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message.Request);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message.Request);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(Request request)
    {
        var uri = request.Uri.ToUri();
        var service = ServiceOf(uri);
        var kind = StorageRequestKind.Of(service, request, uri, () => BodyStart(request));
        Interlocked.Increment(ref byKind.GetOrAdd(kind, _ => new StrongBox<long>()).Value);
        switch (service)
        {
            case 't':
                Interlocked.Increment(ref tables);
                break;
            case 'q':
                Interlocked.Increment(ref queues);
                // A handled rating message is deleted once: one queue-triggered execution in Azure.
                if (request.Method == RequestMethod.Delete && uri.AbsolutePath.Contains("/rating/messages/", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref ratingDeletes);
                }

                break;
            default:
                var read = (request.Method == RequestMethod.Get || request.Method == RequestMethod.Head) && !uri.Query.Contains("comp=list", StringComparison.Ordinal);
                Interlocked.Increment(ref read ? ref blobReads : ref blobWrites);
                break;
        }
    }

    /// <summary>The start of a table batch's body, which names the table (the batch's URI does not).</summary>
    private static string? BodyStart(Request request)
    {
        if (request.Content is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer, CancellationToken.None);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)Math.Min(buffer.Length, 8192));
    }

    private char ServiceOf(Uri uri) =>
        uri.Port == azurite.TablePort || uri.Host.Contains(".table.", StringComparison.Ordinal) ? 't'
        : uri.Port == azurite.QueuePort || uri.Host.Contains(".queue.", StringComparison.Ordinal) ? 'q'
        : 'b';
}
