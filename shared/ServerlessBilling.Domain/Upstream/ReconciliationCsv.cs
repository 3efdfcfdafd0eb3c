namespace ServerlessBilling.Upstream;

/// <summary>A reconciliation as CSV: one row per finding, after a comment block with the month's totals.</summary>
/// <remarks>Cells are written safe for spreadsheets (<see cref="Csv"/>); findings are written as they are read, so a month with many
/// findings is never held whole.</remarks>
public static class ReconciliationCsv
{
    public const string Header = "vendorCallId,kind,reason,amount,vendorCharge,expectedCost,billed,accountId,detail";

    public static async Task WriteAsync(ReconciliationSummary summary, IAsyncEnumerable<ReconciliationFinding> findings, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"# {Csv.Text(summary.Vendor)} {summary.Month}{(summary.VendorAccount is { } account ? $" vendor account {Csv.Text(account)}" : "")} ({summary.Status}): rows {Csv.Number(summary.Rows)}, vendor {Csv.Number(summary.VendorTotal)}, expected {Csv.Number(summary.ExpectedTotal)}, billed {Csv.Number(summary.BilledTotal)}, gross margin {Csv.Number(summary.GrossMargin)} {summary.Currency}".AsMemory(), cancellationToken);
        await output.WriteLineAsync(Header.AsMemory(), cancellationToken);
        await foreach (var f in findings.WithCancellation(cancellationToken))
        {
            var line = string.Join(',',
                Csv.Text(f.VendorCallId), f.Kind.ToString(), f.Reason.ToString(), Csv.Number(f.Amount), Csv.Number(f.VendorCharge),
                Csv.Number(f.ExpectedCost), Csv.Number(f.Billed), Csv.Text(f.AccountId), Csv.Text(f.Detail));
            await output.WriteLineAsync(line.AsMemory(), cancellationToken);
        }
    }
}
