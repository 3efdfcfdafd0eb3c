namespace ServerlessBilling.LocalHost.Commands;

/// <summary>A line of the input the offline verbs could not read: its number, the field at fault and why.</summary>
public sealed record BadLine(long Line, string Field, string Reason)
{
    public static IReadOnlyList<BadLine> Of(OfflineInput input) =>
        input.BadLines.Select(l => new BadLine(l.LineNumber, l.Problem!.Field, l.Problem.Reason)).ToList();
}
