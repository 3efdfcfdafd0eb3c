namespace ServerlessBilling.Usage.Cdr;

/// <summary>One line of a CDR file: the usage it holds, or the problem that keeps it out of billing.</summary>
/// <param name="LineNumber">1-based line number in the file.</param>
/// <param name="RawLine">The line exactly as read, kept for quarantine and replay.</param>
public sealed record CdrLine(long LineNumber, string RawLine, UsageEvent? Event, RecordProblem? Problem);
