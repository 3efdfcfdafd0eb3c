namespace ServerlessBilling.Usage;

/// <summary>Hands normalized events to rating. One message may carry many events, to keep queue transactions low.</summary>
public interface IRatingQueue
{
    Task EnqueueAsync(RatingMessage message, CancellationToken cancellationToken);
}
