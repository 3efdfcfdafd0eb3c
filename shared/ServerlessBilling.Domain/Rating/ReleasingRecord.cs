using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>What a replay does with a quarantined record that rated without a problem, before the record leaves quarantine (counting its
/// release, for one).</summary>
/// <param name="record">The record as it was held.</param>
/// <param name="outcome">What rating it again did: billed it, found it already billed, or found nothing to charge.</param>
/// <param name="cancellationToken">Cancels the work.</param>
public delegate Task ReleasingRecord(QuarantinedRecord record, EventOutcome outcome, CancellationToken cancellationToken);
