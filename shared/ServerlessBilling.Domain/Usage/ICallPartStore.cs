namespace ServerlessBilling.Usage;

/// <summary>Holds the parts of a call that a vendor reports in separate deliveries, until they can be joined into one event.</summary>
public interface ICallPartStore
{
    /// <summary>Stores one part of a call; storing the same part again replaces it (redeliveries are harmless).</summary>
    Task PutAsync(string source, string callKey, string part, UsageEvent partial, CancellationToken cancellationToken);

    /// <returns>The part, or null when it has not arrived yet.</returns>
    Task<UsageEvent?> FindAsync(string source, string callKey, string part, CancellationToken cancellationToken);
}
