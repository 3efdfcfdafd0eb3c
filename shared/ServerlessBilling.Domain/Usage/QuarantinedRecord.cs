namespace ServerlessBilling.Usage;

/// <summary>A record that is kept aside with its reason, so nothing is lost and it can be replayed once fixed.</summary>
/// <param name="Source">The feed it came from (<c>twilio</c>, <c>asterisk</c>).</param>
/// <param name="Reference">Where it was: a blob name and line number, or a webhook's archive name.</param>
/// <param name="Problem">The field and reason.</param>
/// <param name="RawContent">The record exactly as received; for a <see cref="QuarantineKind.Conflict"/>, both versions (an <c>EventConflict</c>).</param>
/// <param name="Kind">Why it is held: a problem to fix and replay, a plausibility limit a person must accept, or a conflicting duplicate to resolve.</param>
public sealed record QuarantinedRecord(string Source, string Reference, RecordProblem Problem, string RawContent, QuarantineKind Kind = QuarantineKind.Problem);
