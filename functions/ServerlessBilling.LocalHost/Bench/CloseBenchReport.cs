using System.Globalization;

namespace ServerlessBilling.LocalHost.Bench;

/// <summary>The close bench's result tables, in Markdown: one row per run, the ratio of the configured run to the baseline, and where
/// each run's storage requests went, the durable engine's (history, instances, queues, leases, polling) apart from the billing data's.</summary>
public static class CloseBenchReport
{
    public static void Write(TextWriter output, CloseBenchOptions options, IReadOnlyList<CloseBenchRow> rows)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"close-bench: {options.Accounts:N0} accounts, {options.Calls} calls each, {Environment.ProcessorCount} cores")
            + (options.Settings.Count > 0 ? $"; settings {Describe(options.Settings)}" : "")
            + (options.Baseline.Count > 0 ? $"; baseline {Describe(options.Baseline)}" : "")
            + (options.TaskHubApart ? "; the task hub in an Azurite of its own" : "; the task hub and billing data in one Azurite"));
        output.WriteLine();
        output.WriteLine("| Run | Accounts | Invoices | Wall time | Closes/s | Storage operations per invoice (tables / queues / blobs) | Billing data | Durable engine | Storage cost per invoice | Peak working set / GC heap | Load average |");
        output.WriteLine("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var all = row.Billing + row.Engine;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Configuration} | {row.Accounts:N0} | {row.Invoices:N0} | {row.Elapsed.TotalSeconds:N1} s | {row.ClosesPerSecond:N1} | {row.PerInvoice(all.Total):N1} ({row.PerInvoice(all.Tables):N1} / {row.PerInvoice(all.Queues):N1} / {row.PerInvoice(all.BlobWrites + all.BlobReads):N1}) | {row.PerInvoice(row.Billing.Total):N1} | {row.PerInvoice(row.Engine.Total):N1} | ${row.StorageCost.StoragePerMillion / 1_000_000m:0.000000} | {row.PeakWorkingSet / (1024 * 1024):N0} / {row.PeakHeap / (1024 * 1024):N0} MiB | {row.LoadAverage:0.00} |"));
        }

        if (rows.FirstOrDefault(r => r.Configuration == "baseline") is { } baseline && rows.FirstOrDefault(r => r.Configuration != "baseline") is { } configured)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Configured over baseline in the same run: closes/s x{configured.ClosesPerSecond / baseline.ClosesPerSecond:0.00}, storage operations per invoice x{configured.PerInvoice(configured.Total) / baseline.PerInvoice(baseline.Total):0.00}"));
        }

        foreach (var row in rows)
        {
            output.WriteLine();
            output.WriteLine($"Storage requests of {row.Configuration}:");
            output.WriteLine();
            output.WriteLine("| Owner | Service | Table, queue or container | Kind | Requests | Per invoice |");
            output.WriteLine("|---|---|---|---|---:|---:|");
            foreach (var (owner, tally) in row.ByKind)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {owner} | {tally.Kind.Service} | {tally.Kind.Resource} | {tally.Kind.Kind} | {tally.Requests:N0} | {row.PerInvoice(tally.Requests):0.##} |"));
            }
        }

        output.WriteLine();
        output.WriteLine("Storage operations are counted on the billing data's clients and on the durable engine's (each attempt, a table batch once),");
        output.WriteLine("from the due-period check until the last close completed, the engine's polling and lease renewals included; the prices' sources");
        output.WriteLine("and dates are in Bench/azure-prices.json.");
    }

    private static string Describe(IReadOnlyList<KeyValuePair<string, string>> settings) => string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"));
}
