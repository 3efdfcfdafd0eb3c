using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Telemetry;

namespace ServerlessBilling.Functions.Rating;

/// <summary>Rates each batch on the <c>rating</c> queue. Storage errors throw, so the message is retried and, after five tries, lands in <c>rating-poison</c>.</summary>
public sealed class RateUsageFunction(CountedUsageRating rating, ILogger<RateUsageFunction> logger)
{
    [Function("RateUsage")]
    public async Task Run(
        [QueueTrigger(StorageNames.RatingQueue, Connection = StorageNames.Connection)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        var body = message.Body.ToString();
        using var span = RatingTrace.StartRating(body);
        // The insertion time is the same on every delivery of the message: its day is the day of receipt, also after midnight.
        var queuedAt = message.InsertedOn is { } inserted ? Instant.FromDateTimeOffset(inserted) : (Instant?)null;
        var summary = await rating.RateMessageAsync(body, queuedAt, cancellationToken);
        logger.LogInformation(
            "Rated {Rated} events, {Duplicates} duplicates, {Quarantined} quarantined ({Conflicts} conflicting, {Held} held)",
            summary.Rated, summary.Duplicates, summary.Quarantined, summary.Conflicts, summary.Held);
    }
}
