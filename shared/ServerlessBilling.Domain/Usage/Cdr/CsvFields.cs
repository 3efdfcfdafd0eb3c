namespace ServerlessBilling.Usage.Cdr;

/// <summary>Splits one CSV line into fields: quoted or bare, doubled quotes inside quotes, a stray space before a quote tolerated.</summary>
/// <remarks>
/// Every CDR format read here writes one record per line, so a line is a record and its number is the record's
/// reference. Splitting a line (rather than letting a record-oriented reader run over the stream) keeps an
/// unbalanced quote inside the line that has it: that line is quarantined and the next one reads normally.
/// FreeSWITCH's compiled-in template writes <c>"a", "b"</c>, hence the tolerated space before a quote.
/// </remarks>
public static class CsvFields
{
    public static bool TrySplit(string line, List<string> fields, out string? error)
    {
        fields.Clear();
        error = null;
        var i = 0;
        while (true)
        {
            while (i + 1 < line.Length && line[i] == ' ' && line[i + 1] == '"')
            {
                i++;
            }

            if (i < line.Length && line[i] == '"')
            {
                if (!TryReadQuoted(line, ref i, out var value))
                {
                    error = $"unterminated quoted field {fields.Count + 1}";
                    return false;
                }

                if (i < line.Length && line[i] != ',')
                {
                    error = $"unexpected text after quoted field {fields.Count + 1}";
                    return false;
                }

                fields.Add(value);
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                fields.Add(line[i..end]);
                i = end;
            }

            if (i >= line.Length)
            {
                return true;
            }

            i++; // the comma
        }
    }

    /// <summary>Reads a quoted field starting at the opening quote; leaves <paramref name="i"/> just past the closing quote.</summary>
    private static bool TryReadQuoted(string line, ref int i, out string value)
    {
        var start = ++i;
        var close = line.IndexOf('"', start);
        // Most fields have no doubled quote: slice them without a builder.
        if (close >= 0 && (close + 1 >= line.Length || line[close + 1] != '"'))
        {
            value = line[start..close];
            i = close + 1;
            return true;
        }

        var text = new System.Text.StringBuilder();
        while (true)
        {
            if (i >= line.Length)
            {
                value = string.Empty;
                return false;
            }

            if (line[i] == '"')
            {
                if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    text.Append('"');
                    i += 2;
                    continue;
                }

                i++;
                value = text.ToString();
                return true;
            }

            text.Append(line[i++]);
        }
    }
}
