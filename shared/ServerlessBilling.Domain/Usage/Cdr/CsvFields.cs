using System.Text;

namespace ServerlessBilling.Usage.Cdr;

/// <summary>Splits one CSV line into fields: quoted or bare, doubled quotes inside quotes, a stray space before a quote tolerated.</summary>
/// <remarks>Asterisk and FreeSWITCH write one record per line, so a line is a record and its number is the record's reference.</remarks>
public static class CsvFields
{
    public static bool TrySplit(string line, List<string> fields, out string? error)
    {
        fields.Clear();
        error = null;
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            while (i < line.Length && line[i] == ' ' && i + 1 < line.Length && line[i + 1] == '"')
            {
                i++;
            }

            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        error = $"unterminated quoted field {fields.Count + 1}";
                        return false;
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    error = $"unexpected text after quoted field {fields.Count + 1}";
                    return false;
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    field.Append(line[i++]);
                }
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return true;
            }

            i++; // the comma
        }
    }
}
