using ServerlessBilling.Cycles;

namespace ServerlessBilling.Rating;

/// <summary>The reseller's price plans.</summary>
public interface IPlanCatalog
{
    Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken);

    Task SetAsync(PricePlan plan, CancellationToken cancellationToken);
}

/// <summary>Rated usage per account and period; each event is kept once, whatever number of times it arrives.</summary>
public interface IUsageLedger
{
    /// <returns>False when the event was already recorded (a duplicate delivery): it is not billed again.</returns>
    Task<bool> TryRecordAsync(RatedUsage usage, CancellationToken cancellationToken);

    /// <summary>Whether the event is recorded in the account's period (a point read, for redeliveries after a close).</summary>
    Task<bool> ContainsAsync(string accountId, BillingPeriod period, string eventId, CancellationToken cancellationToken);

    Task<IReadOnlyList<RatedUsage>> ListAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken);

    /// <summary>Replaces the charge of an event already recorded (re-rating an open period).</summary>
    Task ReplaceAsync(RatedUsage usage, CancellationToken cancellationToken);
}
