using ServerlessBilling.Usage;

namespace ServerlessBilling.Upstream;

/// <summary>One line of a statement read: a call, or why the line is not one.</summary>
/// <param name="Number">The line's 1-based number in the file.</param>
public sealed record StatementLine(long Number, StatementRow? Row, RecordProblem? Problem)
{
    public static StatementLine Bad(long number, string field, string reason) => new(number, null, new RecordProblem(field, reason));
}
