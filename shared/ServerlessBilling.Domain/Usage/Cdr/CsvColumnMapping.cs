namespace ServerlessBilling.Usage.Cdr;

/// <summary>Which header column of a generic CSV file holds each usage field.</summary>
/// <remarks>
/// By default a column is named after its field: <c>id, start, answer, end, duration, direction, from, to, answered,
/// component, cost, currency, account, agent</c>. A file whose header differs names its own columns as <c>field=Header</c> pairs
/// separated by semicolons (<c>start=Call Start;from=Caller;to=Callee</c>); fields not named keep their default.
/// Header names match without regard to case or surrounding spaces.
/// </remarks>
public sealed record CsvColumnMapping(IReadOnlyDictionary<string, string> HeaderByField)
{
    public const string Id = "id", Start = "start", Duration = "duration", Direction = "direction", From = "from", To = "to",
        Answered = "answered", Component = "component", Cost = "cost", Currency = "currency", Account = "account",
        Agent = "agent", Answer = "answer", End = "end";

    public static IReadOnlyList<string> Fields { get; } = [Id, Start, Answer, End, Duration, Direction, From, To, Answered, Component, Cost, Currency, Account, Agent];

    /// <summary>Fields every line needs; the others are optional.</summary>
    public static IReadOnlyList<string> RequiredFields { get; } = [Start, Duration, Direction, From, To];

    public static CsvColumnMapping Default { get; } = new(Fields.ToDictionary(f => f, f => f));

    public static bool TryParse(string text, out CsvColumnMapping? mapping, out RecordProblem? problem)
    {
        var headers = Fields.ToDictionary(f => f, f => f);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !headers.ContainsKey(parts[0].ToLowerInvariant()) || parts[1].Length == 0)
            {
                mapping = null;
                problem = new RecordProblem("columns", $"'{pair}' is not field=Header with a field among {string.Join(", ", Fields)}");
                return false;
            }

            headers[parts[0].ToLowerInvariant()] = parts[1];
        }

        mapping = new CsvColumnMapping(headers);
        problem = null;
        return true;
    }

    /// <summary>Finds each field's column in a header row; fails naming the first required field it lacks.</summary>
    public bool TryLocate(IReadOnlyList<string> header, out Dictionary<string, int> columns, out RecordProblem? problem)
    {
        var located = new Dictionary<string, int>();
        columns = located;
        problem = null;
        foreach (var (field, name) in HeaderByField)
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (string.Equals(header[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
                {
                    located[field] = i;
                    break;
                }
            }
        }

        var missing = RequiredFields.FirstOrDefault(f => !located.ContainsKey(f));
        if (missing is not null)
        {
            problem = new RecordProblem("header", $"has no column '{HeaderByField[missing]}' for {missing}");
            return false;
        }

        if (columns.ContainsKey(Cost) && !columns.ContainsKey(Currency))
        {
            problem = new RecordProblem("header", $"has a cost column but no column '{HeaderByField[Currency]}' for currency");
            return false;
        }

        return true;
    }
}
