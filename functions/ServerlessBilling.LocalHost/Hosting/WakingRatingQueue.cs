using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Puts on the rating queue, then wakes this host's listener, so a webhook's handoff or a drop's batches are rated within
/// the poll interval however long the queue was quiet before.</summary>
public sealed class WakingRatingQueue(IRatingQueue queue, IdlePollers pollers) : IRatingQueue
{
    public async Task EnqueueAsync(RatingMessage message, CancellationToken cancellationToken)
    {
        await queue.EnqueueAsync(message, cancellationToken);
        pollers.Wake(StorageNames.RatingQueue);
    }
}
