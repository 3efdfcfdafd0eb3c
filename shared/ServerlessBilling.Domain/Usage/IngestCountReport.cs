using NodaTime;
using NodaTime.Text;

namespace ServerlessBilling.Usage;

/// <summary>Counters from one day to another (both included), per source and day and in total per source.</summary>
public sealed record IngestCountReport(LocalDate From, LocalDate To, string? Source, IReadOnlyList<IngestCounter> Days, IReadOnlyList<IngestSourceTotal> Totals)
{
    /// <summary>The longest range one request may read: a year of days.</summary>
    public const int MaxDays = 366;

    /// <summary>Adds up stored parts (a source's day may be stored in several) into one row per source and day, ordered by day then source.</summary>
    public static IngestCountReport Of(LocalDate from, LocalDate to, string? source, IEnumerable<IngestCounter> parts)
    {
        var days = parts
            .GroupBy(p => (p.Source, p.Day))
            .Select(g => new IngestCounter(g.Key.Source, g.Key.Day, g.Aggregate(IngestCounts.None, (sum, p) => sum.Plus(p.Counts))))
            .OrderBy(d => d.Day).ThenBy(d => d.Source, StringComparer.Ordinal)
            .ToList();
        var totals = days
            .GroupBy(d => d.Source, StringComparer.Ordinal)
            .Select(g => new IngestSourceTotal(g.Key, g.Aggregate(IngestCounts.None, (sum, d) => sum.Plus(d.Counts))))
            .OrderBy(t => t.Source, StringComparer.Ordinal)
            .ToList();
        return new IngestCountReport(from, to, source, days, totals);
    }
}

/// <summary>A source's counts over the whole range of a report.</summary>
public sealed record IngestSourceTotal(string Source, IngestCounts Counts);

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
