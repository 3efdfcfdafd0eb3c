namespace ServerlessBilling.Upstream;

/// <summary>Where the next page of a statement starts: a byte offset into the file, the header row read at its start, and the
/// number of the last line read (so findings name lines as the file numbers them).</summary>
public sealed record StatementCursor(long Offset, string? Header, long Line)
{
    public static StatementCursor Start { get; } = new(0, null, 0);
}
