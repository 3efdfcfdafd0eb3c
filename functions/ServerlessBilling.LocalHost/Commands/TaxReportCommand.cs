using System.Globalization;
using ServerlessBilling.LocalHost.Client;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>tax-report form-499a|usf-recovery|tax-liability &lt;year&gt; [--json] [--part certificates] [--out file]</c>: a tax report from a
/// running host, as CSV (the default) or, with <c>--json</c>, as the route answers it in JSON.</summary>
public static class TaxReportCommand
{
    private static readonly string[] Reports = ["form-499a", "usf-recovery", "tax-liability"];

    /// <param name="args">The verb's arguments after <c>tax-report</c>.</param>
    public static Task<int> RunAsync(BillingApiClient api, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(api, args, output, output, cancellationToken);

    /// <param name="args">The verb's arguments after <c>tax-report</c>.</param>
    /// <param name="progress">Where the note that <c>--out</c> wrote the file goes (standard error: standard output holds only a report).</param>
    public static async Task<int> RunAsync(BillingApiClient api, IReadOnlyList<string> args, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var options = new CommandOptions([.. args]);
        if (options.Positional(JsonOutput.Flag) is not [var name, var yearText, ..] || !Reports.Contains(name)
            || !int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            throw new ArgumentException("Usage: tax-report form-499a|usf-recovery|tax-liability <year> [--json] [--part certificates] [--out file].");
        }

        var format = options.Has(JsonOutput.Flag) ? "json" : "csv";
        var report = await api.GetTaxReportAsync(name, year, format, options.Get("--part"), cancellationToken);
        if (options.Get("--out") is { } path)
        {
            await File.WriteAllTextAsync(path, report, cancellationToken);
            progress.WriteLine($"{name} {year} written to {path}.");
        }
        else
        {
            output.Write(report);
        }

        return 0;
    }
}
