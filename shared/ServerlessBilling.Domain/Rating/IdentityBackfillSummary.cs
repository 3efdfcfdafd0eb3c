namespace ServerlessBilling.Rating;

/// <summary>What an <see cref="IdentityBackfill"/> run found.</summary>
/// <param name="Scanned">Usage rows read.</param>
/// <param name="Written">Identity rows inserted (rows billed before identities were kept).</param>
/// <param name="AlreadyPresent">Rows whose identity was already claimed by that very row.</param>
/// <param name="Conflicting">Rows whose identity is claimed by a different billed version.</param>
/// <param name="Conflicts">The first <see cref="IdentityBackfill.ListedConflicts"/> conflicting rows, in ledger order.</param>
public sealed record IdentityBackfillSummary(int Scanned, int Written, int AlreadyPresent, int Conflicting, IReadOnlyList<IdentityBackfillConflict> Conflicts);
