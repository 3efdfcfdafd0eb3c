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
/// <param name="RawContent">The record exactly as received.</param>
public sealed record QuarantinedRecord(string Source, string Reference, RecordProblem Problem, string RawContent);
