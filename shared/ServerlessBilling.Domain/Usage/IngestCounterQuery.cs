using NodaTime;
using NodaTime.Text;

namespace ServerlessBilling.Usage;

/// <summary>What a counters request asks for, read from query text: <c>source</c> (optional), <c>from</c> and <c>to</c> (ISO dates, UTC days).</summary>
public sealed record IngestCounterQuery(string? Source, LocalDate From, LocalDate To)
{
    /// <summary>Reads the query; <c>to</c> defaults to <paramref name="today"/> and <c>from</c> to <c>to</c>.</summary>
    /// <returns>The query, or the problems naming each bad parameter.</returns>
    public static (IngestCounterQuery? Query, IReadOnlyList<RecordProblem> Problems) Parse(string? source, string? from, string? to, LocalDate today)
    {
        var problems = new List<RecordProblem>();
        var end = Date("to", to, today, problems);
        var start = Date("from", from, end, problems);
        if (problems.Count == 0 && start > end)
        {
            problems.Add(new RecordProblem("from", "must not be after to"));
        }
        else if (problems.Count == 0 && Period.DaysBetween(start, end) >= IngestCountReport.MaxDays)
        {
            problems.Add(new RecordProblem("from", $"must be at most {IngestCountReport.MaxDays} days before to"));
        }

        return problems.Count > 0 ? (null, problems) : (new IngestCounterQuery(string.IsNullOrWhiteSpace(source) ? null : source.Trim(), start, end), problems);
    }

    private static LocalDate Date(string name, string? text, LocalDate fallback, List<RecordProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        if (parsed.Success)
        {
            return parsed.Value;
        }

        problems.Add(new RecordProblem(name, $"'{text}' is not a date such as 2026-01-31"));
        return fallback;
    }
}
