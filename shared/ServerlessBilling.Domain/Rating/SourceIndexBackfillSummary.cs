namespace ServerlessBilling.Rating;

/// <summary>What a <see cref="SourceIndexBackfill"/> run found.</summary>
/// <param name="Scanned">Usage rows read.</param>
/// <param name="Indexed">Index entries written: account periods of a source and month that reconciliation could not find before.</param>
/// <param name="AlreadyIndexed">Entries that were there already (written as their rows were recorded, or by an earlier run).</param>
/// <remarks>An entry stands for every row of one source, UTC month, account and period: a run counts it once, however many of its rows
/// the run reads; a run in several calls may count an entry once per call (the later calls as already indexed).</remarks>
public sealed record SourceIndexBackfillSummary(int Scanned, int Indexed, int AlreadyIndexed)
{
    /// <summary>Where the next call goes on from (<see cref="SourceIndexBackfillRequest.ContinuationToken"/>); null once the whole ledger
    /// was read.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Two calls' findings together, with the later call's cursor.</summary>
    public SourceIndexBackfillSummary Plus(SourceIndexBackfillSummary later) =>
        new(Scanned + later.Scanned, Indexed + later.Indexed, AlreadyIndexed + later.AlreadyIndexed) { ContinuationToken = later.ContinuationToken };
}
