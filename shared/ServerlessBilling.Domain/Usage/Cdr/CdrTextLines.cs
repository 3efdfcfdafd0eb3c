namespace ServerlessBilling.Usage.Cdr;

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
