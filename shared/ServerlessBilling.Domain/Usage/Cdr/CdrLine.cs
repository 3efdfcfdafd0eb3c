namespace ServerlessBilling.Usage.Cdr;

/// <summary>One line of a CDR file: the usage it holds, or the problem that keeps it out of billing.</summary>
/// <param name="LineNumber">1-based line number in the (decompressed) file.</param>
/// <param name="RawLine">The line exactly as read, kept for quarantine and replay.</param>
public sealed record CdrLine(long LineNumber, string RawLine, UsageEvent? Event, RecordProblem? Problem)
{
    public static CdrLine Usage(long lineNumber, string rawLine, UsageEvent usage) => new(lineNumber, rawLine, usage, null);

    public static CdrLine Bad(long lineNumber, string rawLine, RecordProblem problem) => new(lineNumber, rawLine, null, problem);
}

/// <summary>Numbers the lines of a text stream as they are read; the shared loop under every CDR format.</summary>
public static class CdrTextLines
{
    /// <summary>Yields each non-empty line with its 1-based number; empty lines are counted but carry no record.</summary>
    public static IEnumerable<(long Number, string Text)> Read(TextReader reader)
    {
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length > 0)
            {
                yield return (number, line);
            }
        }
    }
}
