namespace ServerlessBilling.Portal;

/// <summary>The count of link redemptions per client and one-minute window, shared by every instance that redeems the same portal's links.</summary>
public interface IRedemptionWindows
{
    /// <summary>Counts one attempt by <paramref name="client"/> in window <paramref name="minute"/> (minutes since the Unix epoch).</summary>
    /// <returns>The attempts counted in that window so far, this one included; a later window starts again at 1. Attempts at once are
    /// each counted: none is lost to another instance's write.</returns>
    Task<int> CountAsync(string client, long minute, CancellationToken cancellationToken);

    /// <summary>Deletes every window that ended before minute <paramref name="before"/>, of every portal: a client's own window is replaced
    /// when it comes back, so these are the windows of clients that never did.</summary>
    /// <returns>How many windows were deleted. A window counted meanwhile (a client back in a newer minute) is kept.</returns>
    Task<int> ForgetEndedAsync(long before, CancellationToken cancellationToken);
}
