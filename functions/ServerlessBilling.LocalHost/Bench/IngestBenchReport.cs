using System.Globalization;

namespace ServerlessBilling.LocalHost.Bench;

/// <summary>The ingest bench's result table, in Markdown, and the ratios of the configured run to the baseline run.</summary>
public static class IngestBenchReport
{
    public static void Write(TextWriter output, IngestBenchOptions options, IReadOnlyList<IngestBenchRow> rows)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest-bench {options.Mode.ToString().ToLowerInvariant()}: {options.Count:N0} events, {options.Accounts:N0} accounts, {Environment.ProcessorCount} cores")
            + (options.Mode == IngestBenchMode.Webhooks ? (options.Rate is { } rate ? $", {rate} deliveries/s started, at most {options.Concurrency} in flight" : $", {options.Concurrency} deliveries in flight") : "")
            + (options.Settings.Count > 0 ? $"; settings {Describe(options.Settings)}" : "")
            + (options.Baseline.Count > 0 ? $"; baseline {Describe(options.Baseline)}" : ""));
        output.WriteLine();
        output.WriteLine("| Run | Phase | Events | Wall time | Events/s | Storage requests per event (tables / queues / blob writes / blob reads) | Executions per event | Peak working set / GC heap | Load average | Cost per million events |");
        output.WriteLine("|---|---|---:|---:|---:|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var ops = row.Operations;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Configuration} | {row.Phase} | {row.Events:N0} | {row.Elapsed.TotalSeconds:N1} s | {row.EventsPerSecond:N0} | {row.PerEvent(ops.Total):0.###} ({row.PerEvent(ops.Tables):0.###} / {row.PerEvent(ops.Queues):0.###} / {row.PerEvent(ops.BlobWrites):0.###} / {row.PerEvent(ops.BlobReads):0.###}) | {row.PerEvent(row.Executions):0.###} | {row.PeakWorkingSet / (1024 * 1024):N0} / {row.PeakHeap / (1024 * 1024):N0} MiB | {row.LoadAverage:0.00} | ${row.Cost.TotalPerMillion:0.000} |"));
        }

        output.WriteLine();
        foreach (var row in rows.Where(r => r.Configuration != "baseline"))
        {
            output.WriteLine($"{row.Phase}: {row.Cost}");
        }

        foreach (var configured in rows.Where(r => r.Configuration != "baseline"))
        {
            if (rows.FirstOrDefault(r => r.Configuration == "baseline" && r.Phase == configured.Phase) is { } baseline)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{configured.Phase}, configured over baseline in the same run: events/s x{configured.EventsPerSecond / baseline.EventsPerSecond:0.00}, storage requests per event x{configured.PerEvent(configured.Operations.Total) / baseline.PerEvent(baseline.Operations.Total):0.00}, cost x{configured.Cost.TotalPerMillion / baseline.Cost.TotalPerMillion:0.00}"));
            }
        }

        WriteQuarters(output, rows);
        WriteByKind(output, rows);
        WriteSteps(output, rows);
        output.WriteLine("Storage requests are those of the billing data's clients (each attempt counted, a table batch once); the durable engine's own polling is not in them.");
        output.WriteLine("GB-s are the wall time on one saturated instance; the prices' sources and dates are in Bench/azure-prices.json.");
    }

    /// <summary>Each phase's rate in each quarter of its events: flat when a write costs the store the same however much it holds.</summary>
    private static void WriteQuarters(TextWriter output, IReadOnlyList<IngestBenchRow> rows)
    {
        output.WriteLine();
        output.WriteLine("Events/s in each quarter of a phase's events:");
        output.WriteLine();
        output.WriteLine("| Run | Phase | First | Second | Third | Fourth |");
        output.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var rates = row.QuarterRates.Select(r => r is { } rate ? rate.ToString("N0", CultureInfo.InvariantCulture) : "-");
            output.WriteLine($"| {row.Configuration} | {row.Phase} | {string.Join(" | ", rates)} |");
        }
    }

    /// <summary>Where each phase's storage requests went: per table, queue or container and kind, with their share of the storage cost.</summary>
    private static void WriteByKind(TextWriter output, IReadOnlyList<IngestBenchRow> rows)
    {
        var prices = PriceTable.Current.Storage;
        foreach (var row in rows)
        {
            output.WriteLine();
            output.WriteLine($"Storage requests of {row.Configuration}, {row.Phase}:");
            output.WriteLine();
            output.WriteLine("| Service | Table, queue or container | Kind | Requests | Per event | Cost per million events |");
            output.WriteLine("|---|---|---|---:|---:|---:|");
            foreach (var tally in row.ByKind)
            {
                var perMillion = tally.Requests * tally.PricePer10k(prices) / 10_000m * 1_000_000m / row.Events;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {tally.Kind.Service} | {tally.Kind.Resource} | {tally.Kind.Kind} | {tally.Requests:N0} | {row.PerEvent(tally.Requests):0.####} | ${perMillion:0.0000} |"));
            }
        }

        output.WriteLine();
    }

    /// <summary>Where each phase's wall time went, step by step, summed over the windows and messages (which overlap when several are
    /// rated at once).</summary>
    private static void WriteSteps(TextWriter output, IReadOnlyList<IngestBenchRow> rows)
    {
        foreach (var row in rows.Where(r => r.Steps.Count > 0))
        {
            output.WriteLine($"Steps of {row.Configuration}, {row.Phase} (wall time summed over spans; overlapping spans can sum past the phase):");
            output.WriteLine();
            output.WriteLine("| Step | Spans | Summed | Mean a span | Share of the phase's wall time |");
            output.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var step in row.Steps)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {step.Name} | {step.Spans:N0} | {step.Time.TotalSeconds:N1} s | {step.Mean.TotalMilliseconds:N0} ms | {step.Time / row.Elapsed:P0} |"));
            }

            output.WriteLine();
        }
    }

    private static string Describe(IReadOnlyList<KeyValuePair<string, string>> settings) => string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"));
}
