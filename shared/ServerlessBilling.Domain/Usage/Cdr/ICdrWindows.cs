namespace ServerlessBilling.Usage.Cdr;

/// <summary>The events of a CDR file's read windows, kept where a rating message can name them: a queue message carries at most about
/// 200 events, a window 10,000.</summary>
/// <remarks>A window is saved before the message naming it is queued and is never changed afterwards but by saving the same events
/// again (a read resumed after a crash cuts the same window), so every delivery of the message reads what the first one did.</remarks>
public interface ICdrWindows
{
    /// <summary>Saves the window's events under <paramref name="name"/>, replacing what a crashed read saved under it (the same events).</summary>
    Task SaveAsync(string name, IEnumerable<UsageEvent> events, CancellationToken cancellationToken);

    /// <summary>The events saved under <paramref name="name"/>, in the order saved, read as they are enumerated (a window is never held
    /// whole); the enumeration throws when there are none (a message names only a saved window).</summary>
    IAsyncEnumerable<UsageEvent> ReadAsync(string name, CancellationToken cancellationToken);
}
