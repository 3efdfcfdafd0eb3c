using Azure.Storage.Queues;
using ServerlessBilling.Telemetry;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>Sends batches to the <c>rating</c> queue, Base64-encoded as the queue trigger expects, each with an id its retries keep and the trace context of the span that sent it.</summary>
public sealed class QueueRatingQueue(QueueServiceClient queues) : IRatingQueue
{
    private readonly QueueClient queue = queues.GetQueueClient(StorageNames.RatingQueue);

    public async Task EnqueueAsync(RatingMessage message, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(RatingTrace.Stamped(message.Id is null ? message with { Id = Guid.NewGuid().ToString("N") } : message).ToJson(), cancellationToken);
}
