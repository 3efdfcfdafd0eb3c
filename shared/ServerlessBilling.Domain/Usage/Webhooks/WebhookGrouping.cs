namespace ServerlessBilling.Usage.Webhooks;

/// <summary>How <see cref="WebhookHandoff"/> groups deliveries into one rating message and one counter increment.</summary>
/// <param name="MaxDeliveries">The most deliveries one group carries (1: each delivery alone, as before grouping).</param>
/// <param name="Window">How long a group that is not full waits for more deliveries (zero: only deliveries that arrive while the previous
/// group is being written share the next).</param>
/// <param name="MaxEventsPerMessage">The most events one group's message carries; a single delivery over it still goes, alone.</param>
public sealed record WebhookGrouping(int MaxDeliveries, TimeSpan Window, int MaxEventsPerMessage)
{
    /// <summary>The most JSON bytes of events one group's message carries: a queue message takes 64 KiB of Base64 (48 KiB of text),
    /// less the message's id, day and trace context.</summary>
    public const int MaxEventBytes = 45_000;

    /// <summary>Up to 100 deliveries and 100 events a message, waiting 10 ms.</summary>
    public static WebhookGrouping Default { get; } = new(100, TimeSpan.FromMilliseconds(10), 100);

    /// <summary>Every delivery alone and at once: one message and one counter increment each.</summary>
    public static WebhookGrouping OneAtATime { get; } = new(1, TimeSpan.Zero, 100);
}
