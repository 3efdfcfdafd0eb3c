using NodaTime;

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
