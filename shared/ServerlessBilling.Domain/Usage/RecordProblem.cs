namespace ServerlessBilling.Usage;

/// <summary>Why one input record could not be turned into usage: the field at fault and what is wrong with it.</summary>
public sealed record RecordProblem(string Field, string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";
}

/// <summary>A record that is kept aside with its reason, so nothing is lost and it can be replayed once fixed.</summary>
/// <param name="Source">The feed it came from (<c>twilio</c>, <c>asterisk</c>).</param>
/// <param name="Reference">Where it was: a blob name and line number, or a webhook's archive name.</param>
/// <param name="Problem">The field and reason.</param>
/// <param name="RawContent">The record exactly as received; for a <see cref="QuarantineKind.Conflict"/>, both versions (an <c>EventConflict</c>).</param>
/// <param name="Kind">Why it is held: a problem to fix and replay, a plausibility limit a person must accept, or a conflicting duplicate to resolve.</param>
public sealed record QuarantinedRecord(string Source, string Reference, RecordProblem Problem, string RawContent, QuarantineKind Kind = QuarantineKind.Problem);

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
