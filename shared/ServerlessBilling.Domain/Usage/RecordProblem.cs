namespace ServerlessBilling.Usage;

/// <summary>Why one input record could not be turned into usage: the field at fault and what is wrong with it.</summary>
public sealed record RecordProblem(string Field, string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";
}
