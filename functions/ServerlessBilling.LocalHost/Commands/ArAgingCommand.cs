using System.Globalization;
using NodaTime.Text;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.Payments;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>ar-aging [--as-of yyyy-MM-dd] [--format table|csv|json]</c>: open balances by days overdue, per account and currency, from a running host
/// (<c>--csv</c> and <c>--json</c> are short for the formats; JSON is the report as <c>GET /api/reports/ar-aging</c> answers it).</summary>
public static class ArAgingCommand
{
    public static async Task<int> RunAsync(BillingApiClient api, CommandOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var asOf = options.Get("--as-of") is { } text ? LocalDatePattern.Iso.Parse(text).GetValueOrThrow() : (NodaTime.LocalDate?)null;
        var report = await api.GetAgingAsync(asOf, cancellationToken);
        if (options.Has(JsonOutput.Flag) || options.Get("--format") == "json")
        {
            JsonOutput.Write(output, report);
            return 0;
        }

        if (options.Has("--csv") || options.Get("--format") == "csv")
        {
            output.Write(report.ToCsv());
            return 0;
        }

        output.WriteLine($"Receivables aging as of {report.AsOf} (days past due)");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"Account",-28} {"Cur",-4} {string.Join(" ", report.Buckets.Select(b => $"{b,10}"))} {"Total",11}"));
        foreach (var row in report.Rows.Concat(report.Totals))
        {
            output.WriteLine(Row(row));
        }

        if (report.Rows.Count == 0)
        {
            output.WriteLine("Nothing is owed.");
        }

        return 0;
    }

    private static string Row(AgingRow row) => string.Create(CultureInfo.InvariantCulture,
        $"{row.AccountId,-28} {row.Currency,-4} {string.Join(" ", row.Amounts.Select(a => $"{a.Amount,10:0.00}"))} {row.Total.Amount,11:0.00}");
}
