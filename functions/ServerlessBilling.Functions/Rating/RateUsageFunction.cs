using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Telemetry;

namespace ServerlessBilling.Functions.Rating;

/// <summary>Rates each batch on the <c>rating</c> queue. Storage errors throw, so the message is retried and, after five tries, lands in <c>rating-poison</c>.</summary>
public sealed class RateUsageFunction(CountedUsageRating rating, ILogger<RateUsageFunction> logger)
{
    [Function("RateUsage")]
    public async Task Run(
        [QueueTrigger(StorageNames.RatingQueue, Connection = StorageNames.Connection)] string message,
        CancellationToken cancellationToken)
    {
        using var span = RatingTrace.StartRating(message);
        var summary = await rating.RateMessageAsync(message, cancellationToken);
        logger.LogInformation(
            "Rated {Rated} events, {Duplicates} duplicates, {Quarantined} quarantined ({Conflicts} conflicting, {Held} held)",
            summary.Rated, summary.Duplicates, summary.Quarantined, summary.Conflicts, summary.Held);
    }
}
