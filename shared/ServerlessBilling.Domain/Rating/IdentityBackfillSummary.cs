namespace ServerlessBilling.Rating;

/// <summary>What an <see cref="IdentityBackfill"/> run found.</summary>
/// <param name="Scanned">Usage rows read.</param>
/// <param name="Written">Identity rows inserted (rows billed before identities were kept).</param>
/// <param name="AlreadyPresent">Rows whose identity was already claimed by that very row.</param>
/// <param name="Conflicting">Rows whose identity is claimed by a different billed version.</param>
/// <param name="Conflicts">The first <see cref="IdentityBackfill.ListedConflicts"/> conflicting rows, in ledger order.</param>
public sealed record IdentityBackfillSummary(int Scanned, int Written, int AlreadyPresent, int Conflicting, IReadOnlyList<IdentityBackfillConflict> Conflicts)
{
    /// <summary>Where the next call goes on from (<see cref="IdentityBackfillRequest.ContinuationToken"/>); null once the whole ledger was read.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Two calls' findings together (the later call's cursor), listing at most <see cref="IdentityBackfill.ListedConflicts"/> conflicts.</summary>
    public IdentityBackfillSummary Plus(IdentityBackfillSummary later) =>
        new(Scanned + later.Scanned, Written + later.Written, AlreadyPresent + later.AlreadyPresent, Conflicting + later.Conflicting,
            [.. Conflicts.Concat(later.Conflicts).Take(IdentityBackfill.ListedConflicts)])
        {
            ContinuationToken = later.ContinuationToken,
        };
}
