namespace ServerlessBilling.Usage;

/// <summary>Why a record waits in quarantine, which decides how it leaves.</summary>
public enum QuarantineKind
{
    /// <summary>It cannot be billed as it stands (bad line, no account, no price): fix the cause and replay.</summary>
    Problem,

    /// <summary>A call outside a plausibility limit (<see cref="RecordProblem.Field"/> names the limit): billed only once a person accepts it.</summary>
    Limit,

    /// <summary>A later delivery of an event already billed that differs in what it bills: kept beside the billed version until a person
    /// keeps the billed one or replaces it.</summary>
    Conflict,

    /// <summary>A conflict made moot by a person's decision about another version of the same call (that version is now billed, or the
    /// same billing facts were discarded): kept with the reason, never replayed or resolved again; a discard removes it.</summary>
    Closed,
}
