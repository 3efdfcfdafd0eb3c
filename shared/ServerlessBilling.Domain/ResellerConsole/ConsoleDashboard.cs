using NodaTime;
using ServerlessBilling.Payments;
using ServerlessBilling.Tax;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.ResellerConsole;

/// <summary>Gathers the dashboard's figures from the product's own reports: receivables aging, ingest counters, the quarantine, tax
/// table freshness, and the margin reports of every account's recent periods (<see cref="ConsoleMargins"/>). Nothing is estimated
/// here; every figure is the one the API reports.</summary>
public sealed class ConsoleDashboard(ReceivablesAging aging, IIngestCounters counters, IQuarantine quarantine, TaxTableFreshness freshness, ConsoleMargins margins, ICostPlans costPlans, IClock clock)
{
    /// <summary>The days of ingest counters the dashboard charts, today included.</summary>
    public const int IngestDays = 30;

    /// <summary>How far back the counters are read for the sources whose quarantine is listed.</summary>
    public const int QuarantineDays = 366;

    /// <summary>The most held records one page lists: each row carries its own replay form, so a page stays light; a larger
    /// quarantine is narrowed by searching its references.</summary>
    public const int HeldRecordsShown = 100;

    public async Task<DashboardFigures> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var today = now.InUtc().Date;
        var ingest = IngestCountReport.Of(today.PlusDays(1 - IngestDays), today, null,
            await counters.ListAsync(null, today.PlusDays(1 - IngestDays), today, cancellationToken));
        var sources = (await counters.ListAsync(null, today.PlusDays(1 - QuarantineDays), today, cancellationToken))
            .Where(c => c.Counts.Quarantined > 0).Select(c => c.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var held = new List<QuarantineGroup>();
        foreach (var source in sources)
        {
            held.AddRange((await quarantine.ListAsync(source, cancellationToken))
                .GroupBy(r => (r.Kind, r.Problem.Field))
                .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Field, StringComparer.Ordinal)
                .Select(g => new QuarantineGroup(source, g.Key.Kind, g.Key.Field, g.First().Problem.Reason, g.Count())));
        }

        return new DashboardFigures(
            today,
            await aging.ReportAsync(now, cancellationToken),
            ingest,
            held,
            await freshness.CheckAsync(today, cancellationToken),
            freshness.HorizonDays,
            await margins.ReadCachedAsync(cancellationToken),
            await costPlans.ListVendorsAsync(cancellationToken));
    }

    /// <summary>The source's held records whose reference contains <paramref name="find"/> (ordinal, so a call id finds its own
    /// record exactly), every record when it is blank.</summary>
    public async Task<HeldRecords> ReadHeldAsync(string source, string? find, CancellationToken cancellationToken)
    {
        var text = string.IsNullOrWhiteSpace(find) ? null : find.Trim();
        var matching = (await quarantine.ListAsync(source, cancellationToken))
            .Where(r => text is null || r.Reference.Contains(text, StringComparison.Ordinal)).ToList();
        return new HeldRecords(source, text, matching.Take(HeldRecordsShown).ToList(), matching.Count);
    }
}
