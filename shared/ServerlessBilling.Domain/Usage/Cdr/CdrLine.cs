namespace ServerlessBilling.Usage.Cdr;

/// <summary>One line of a CDR file: the usage it holds, or the problem that keeps it out of billing.</summary>
/// <param name="LineNumber">1-based line number in the (decompressed) file.</param>
/// <param name="RawLine">The line exactly as read, kept for quarantine and replay.</param>
public sealed record CdrLine(long LineNumber, string RawLine, UsageEvent? Event, RecordProblem? Problem)
{
    public static CdrLine Usage(long lineNumber, string rawLine, UsageEvent usage) => new(lineNumber, rawLine, usage, null);

    public static CdrLine Bad(long lineNumber, string rawLine, RecordProblem problem) => new(lineNumber, rawLine, null, problem);
}
