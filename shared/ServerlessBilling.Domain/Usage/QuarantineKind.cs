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
}
