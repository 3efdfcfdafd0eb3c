using System.Globalization;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.Upstream;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>reconcile &lt;vendor&gt; &lt;month&gt; [statement.csv] [--input-format f] [--scope vendor|statement] [--vendor-account id]</c>: imports a vendor's statement into a running host, waits for
/// its reconciliation and prints the month's summary and findings (without a file, the month's latest reconciliation).</summary>
/// <remarks>With <c>--json</c>, standard output is the reconciliation as <c>GET /api/reconciliations/{vendor}/{month}</c> answers it
/// (summary, findings), the upload and the wait staying on standard error. Exit code 1 when the month has leakage, billed-not-charged calls or cost differences, 2 when the reconciliation failed.</remarks>
public static class ReconcileCommand
{
    private const int FindingsShown = 20;

    /// <summary>The findings' reasons under the total they count in: a cost difference's cause tells a changed increment from a changed
    /// rate or a destination the cost plan lacks.</summary>
    private static readonly (string Heading, FindingReason[] Reasons)[] Causes =
    [
        ("leakage", [FindingReason.Unattributed, FindingReason.Quarantined, FindingReason.Conflicting, FindingReason.Missing]),
        ("billed not charged", [FindingReason.NotCharged, FindingReason.NotOnStatement]),
        ("cost differences", [FindingReason.Increment, FindingReason.RateRow, FindingReason.MissingRow]),
        ("unreadable lines", [FindingReason.Unreadable]),
    ];

    public static Task<int> RunAsync(BillingApiClient api, string[] args, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(api, args, output, TextWriter.Null, cancellationToken);

    /// <param name="progress">Where the statement's upload and the wait for its reconciliation are shown (standard error: standard output
    /// keeps the summary).</param>
    public static async Task<int> RunAsync(BillingApiClient api, string[] args, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var options = new CommandOptions(args);
        var positional = options.Positional(JsonOutput.Flag);
        if (positional.Count < 2)
        {
            throw new ArgumentException("Usage: reconcile <vendor> <month> [statement.csv] [--input-format twilio-calls|retell-calls] [--scope vendor|statement] [--vendor-account ID] [--json]");
        }

        var (vendor, month) = (positional[0], positional[1]);
        BillingApiClient.ReconciliationView view;
        if (positional.Count > 2)
        {
            var imported = await new UploadProgress(progress).RunAsync(positional[2], file => api.ImportStatementAsync(
                vendor, month, options.Get("--input-format"), options.Get("--scope"), options.Get("--vendor-account"), file, cancellationToken));
            view = await new PhaseProgress(progress).RunAsync($"Reconciling run {imported.RunId}", _ =>
                api.WaitForReconciliationAsync(vendor, month, imported.RunId, TimeSpan.FromMilliseconds(500), cancellationToken));
        }
        else
        {
            view = await api.GetReconciliationAsync(vendor, month, cancellationToken);
        }

        if (options.Has(JsonOutput.Flag))
        {
            JsonOutput.Write(output, view);
        }
        else
        {
            Print(view, output);
        }

        var s = view.Summary;
        return s.Status == "failed" ? 2 : s.Leakage.Count + s.BilledNotCharged.Count + s.CostDifferences.Count > 0 ? 1 : 0;
    }

    /// <summary>The summary as a few lines, then the first findings.</summary>
    public static void Print(BillingApiClient.ReconciliationView view, TextWriter output)
    {
        var s = view.Summary;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Vendor} {s.Month}{(s.VendorAccount is { } account ? $" vendor account {account}" : "")} ({s.Status}, run {s.RunId}): {s.Rows} rows"));
        if (view.Failure is not null)
        {
            output.WriteLine($"  failed: {view.Failure}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  vendor {s.VendorTotal} {s.Currency}, expected {s.ExpectedTotal}, billed {s.BilledTotal}, gross margin {s.GrossMargin} ({Percent(s.MarginPercent)})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  drift since last month {(s.DriftPoints is { } d ? $"{d:+0.00;-0.00;0.00} points (from {Percent(s.PreviousMarginPercent)})" : "n/a (the month before is not reconciled)")}{(s.DriftDetected ? ": margin.drift_detected" : "")}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  leakage {s.Leakage.Count} calls {s.Leakage.Amount}, billed not charged {s.BilledNotCharged.Count} calls {s.BilledNotCharged.Amount}, cost differences {s.CostDifferences.Count} ({s.CostDifferences.Amount})"));
        if (s.NumberRental is { CostPlan: { } rentalPlan } rental)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  number rental {rental.Numbers} numbers held, expected {rental.Expected} ({rentalPlan}), beside the calls"));
        }

        foreach (var (heading, reasons) in Causes)
        {
            var present = reasons.Where(r => s.ByReason.ContainsKey(r.ToString())).ToList();
            if (present.Count > 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {heading} by cause: {string.Join(", ", present.Select(r => $"{r} {s.ByReason[r.ToString()].Count} ({s.ByReason[r.ToString()].Amount})"))}"));
            }
        }

        foreach (var f in view.Findings.Take(FindingsShown))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {f.Kind} {f.Reason} {f.VendorCallId} {f.Amount}: {f.Detail}"));
        }

        if (view.Findings.Count > FindingsShown || view.FindingsTruncated)
        {
            output.WriteLine("  ... more findings: GET api/reconciliations/{vendor}/{month}?format=csv");
        }
    }

    private static string Percent(decimal? value) => value is { } p ? p.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "n/a";
}
