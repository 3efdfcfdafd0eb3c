using Azure.Core;
using Azure.Core.Pipeline;
using ServerlessBilling.LocalHost.Azurite;

namespace ServerlessBilling.LocalHost.Bench;

/// <summary>Counts every request the billing storage clients send, once per attempt, in the classes storage is billed by.</summary>
/// <remarks>A table batch (entity group transaction) is one request and counts once. Blob reads are GET and HEAD requests other
/// than listings; listings, uploads, metadata and deletes count as blob writes, which is how list operations are priced.</remarks>
/// <param name="azurite">The emulator the clients talk to: on it every service is on 127.0.0.1 and its port tells which.</param>
public sealed class StorageRequestCounter(AzuriteOptions azurite) : HttpPipelinePolicy
{
    private long tables, queues, blobWrites, blobReads, ratingDeletes;

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
        switch (ServiceOf(uri))
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

    private char ServiceOf(Uri uri) =>
        uri.Port == azurite.TablePort || uri.Host.Contains(".table.", StringComparison.Ordinal) ? 't'
        : uri.Port == azurite.QueuePort || uri.Host.Contains(".queue.", StringComparison.Ordinal) ? 'q'
        : 'b';
}
