using System.Runtime.CompilerServices;
using System.Text;

namespace ServerlessBilling.Documents;

/// <summary>Reads RFC 4180 rows (quoted cells may hold commas, doubled quotes and line breaks) as they arrive, a buffer at a time.</summary>
internal static class CsvRows
{
    public static async IAsyncEnumerable<string[]> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new char[16 * 1024];
        var cell = new StringBuilder();
        var row = new List<string>();
        var quoted = false;
        // A quote inside a quoted cell: the cell's end, unless the next character is a second quote (an escaped one).
        var closing = false;
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (closing)
                {
                    closing = false;
                    if (c == '"')
                    {
                        cell.Append('"');
                        continue;
                    }

                    quoted = false;
                }

                if (quoted)
                {
                    if (c == '"')
                    {
                        closing = true;
                    }
                    else
                    {
                        cell.Append(c);
                    }

                    continue;
                }

                switch (c)
                {
                    case '"':
                        quoted = true;
                        break;
                    case ',':
                        row.Add(cell.ToString());
                        cell.Clear();
                        break;
                    case '\r':
                        break;
                    case '\n':
                        row.Add(cell.ToString());
                        cell.Clear();
                        yield return [.. row];
                        row.Clear();
                        break;
                    default:
                        cell.Append(c);
                        break;
                }
            }
        }

        if (row.Count > 0 || cell.Length > 0)
        {
            row.Add(cell.ToString());
            yield return [.. row];
        }
    }
}
