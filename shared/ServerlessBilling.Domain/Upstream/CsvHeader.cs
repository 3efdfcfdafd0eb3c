namespace ServerlessBilling.Upstream;

/// <summary>A CSV header row: where each named column is, matched without regard to case or surrounding spaces.</summary>
public sealed class CsvHeader(IReadOnlyList<string> names)
{
    private readonly Dictionary<string, int> positions = names
        .Select((name, index) => (Name: name.Trim(), Index: index))
        .GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First().Index, StringComparer.OrdinalIgnoreCase);

    /// <summary>The column's position, or -1 when the header has no such column.</summary>
    public int IndexOf(string? name) => name is not null && positions.TryGetValue(name.Trim(), out var index) ? index : -1;

    /// <summary>The first of <paramref name="names"/> the header has, or -1.</summary>
    public int IndexOfAny(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (IndexOf(name) is >= 0 and var index)
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>The trimmed cell at <paramref name="index"/>, or null when the column is absent or the row is short.</summary>
    public static string? Cell(IReadOnlyList<string> fields, int index) =>
        index >= 0 && index < fields.Count && fields[index].Trim() is { Length: > 0 } value ? value : null;
}
