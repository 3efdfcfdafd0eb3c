using System.Globalization;
using ServerlessBilling.LocalHost.Client;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>tax-report form-499a|usf-recovery|tax-liability &lt;year&gt; [--format csv|json] [--part certificates] [--out file]</c>: a tax report from a running host.</summary>
public static class TaxReportCommand
{
    private static readonly string[] Reports = ["form-499a", "usf-recovery", "tax-liability"];

    /// <param name="args">The verb's arguments after <c>tax-report</c>.</param>
    public static async Task<int> RunAsync(BillingApiClient api, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        if (args.Count < 2 || !Reports.Contains(args[0]) || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            throw new ArgumentException("Usage: tax-report form-499a|usf-recovery|tax-liability <year> [--format csv|json] [--part certificates] [--out file].");
        }

        var options = new CommandOptions([.. args]);
        var report = await api.GetTaxReportAsync(args[0], year, options.Get("--format") ?? "csv", options.Get("--part"), cancellationToken);
        if (options.Get("--out") is { } path)
        {
            await File.WriteAllTextAsync(path, report, cancellationToken);
            output.WriteLine($"{args[0]} {year} written to {path}.");
        }
        else
        {
            output.Write(report);
        }

        return 0;
    }
}
