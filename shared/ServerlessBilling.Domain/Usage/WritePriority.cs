namespace ServerlessBilling.Usage;

/// <summary>Gives webhook acknowledgements the storage ahead of rating's bulk writes: while a delivery is waiting for its writes,
/// rating's claims and usage-row transactions go at most <see cref="Width"/> at a time in this process.</summary>
/// <remarks>
/// An acknowledgement is two writes; rating sends about 30 times as many requests at 500 deliveries/s (each message up to 16
/// transactions at once, several messages at once). On a store that serves requests one after another (Azurite, one partition
/// server under load) an acknowledgement's write waits behind all of them. With rating held to four at a time while deliveries
/// wait, the p99 acknowledgement at 500/s fell from about 1 s to 0.35 to 0.6 s on the build machine and rating kept up
/// (docs/performance.md, "The floor of an acknowledgement"). When no delivery is waiting (a CDR drop alone) rating writes at
/// its full width.
/// </remarks>
/// <param name="width">Rating's bulk transactions in flight at most while deliveries wait (<see cref="BulkWritesWhileWaiting"/> unless set:
/// <c>Webhooks:RatingWritesWhileWaiting</c>).</param>
public sealed class WritePriority(int width = WritePriority.BulkWritesWhileWaiting)
{
    /// <summary>Rating's bulk transactions in flight at most while deliveries wait, unless configured.</summary>
    public const int BulkWritesWhileWaiting = 4;

    /// <summary>The most the setting allows: <c>TableGroupInserts</c> sends no more than 16 at once anyway.</summary>
    public const int MaxWidth = 16;

    private readonly SemaphoreSlim turns = new(
        width is >= 1 and <= MaxWidth ? width : throw new ArgumentOutOfRangeException(nameof(width), width, $"Between 1 and {MaxWidth}."), width);

    private int waiting;

    /// <summary>Rating's bulk transactions in flight at most while deliveries wait.</summary>
    public int Width => width;

    /// <summary>Deliveries waiting now.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>Marks a delivery as waiting until the returned scope is disposed.</summary>
    public IDisposable DeliveryWaiting()
    {
        Interlocked.Increment(ref waiting);
        return new Scope(() => Interlocked.Decrement(ref waiting));
    }

    /// <summary>A turn for one bulk write: at once when no delivery waits, else one of <see cref="Width"/>.</summary>
    /// <returns>The turn, to dispose when the write is done; null when none was needed.</returns>
    public async ValueTask<IDisposable?> BulkWriteAsync(CancellationToken cancellationToken)
    {
        if (Waiting == 0)
        {
            return null;
        }

        await turns.WaitAsync(cancellationToken);
        return new Scope(() => turns.Release());
    }

    private sealed class Scope(Action leave) : IDisposable
    {
        private int left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref left, 1) == 0)
            {
                leave();
            }
        }
    }
}
