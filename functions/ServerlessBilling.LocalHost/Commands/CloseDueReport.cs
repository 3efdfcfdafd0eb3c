using System.Globalization;
using ServerlessBilling.Cycles;
using ServerlessBilling.Tax;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>What <c>close-due</c> did: how many accounts it looked at, each close it started and how that close ended (an invoice, held
/// for tax data, or failed), the closes started earlier that are still held, and the tax rules about to run out. <c>--json</c> prints
/// it as it is; without, <see cref="Print"/> writes a line each.</summary>
public sealed record CloseDueReport(
    int Accounts, int AlreadyStarted, int NothingDue, IReadOnlyList<CloseDueReport.Close> Started, IReadOnlyList<HeldCycleClose> StillHeld,
    IReadOnlyList<ExpiringTaxRule> ExpiringTaxRules)
{
    /// <summary>The closes started that neither produced an invoice nor wait for tax data: the exit code is 1 when there is one.</summary>
    public int Failed => Started.Count(c => c.Invoice is null && c.AwaitingTaxData is null);

    /// <summary>One close started by this run and where it ended.</summary>
    /// <param name="RuntimeStatus">The orchestration's status when the wait ended: <c>Completed</c>, <c>Failed</c>, or <c>Running</c> while held.</param>
    /// <param name="Failure">Why it failed; null otherwise.</param>
    public sealed record Close(string AccountId, string PeriodStart, string RuntimeStatus, InvoiceSummary? Invoice, TaxDataHold? AwaitingTaxData, string? Failure);

    public static CloseDueReport Of(CloseDueSummary summary, IReadOnlyList<Close> started) => new(
        summary.Accounts, summary.AlreadyStarted, summary.NothingDue, started,
        [.. summary.AwaitingTaxData.Where(held => summary.Started.All(s => s.InstanceId != held.InstanceId))],
        summary.ExpiringTaxRules);

    public void Print(TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Accounts} accounts: {Started.Count} closes started, {AlreadyStarted} already started, {NothingDue} with nothing due."));
        foreach (var close in Started)
        {
            output.WriteLine(close switch
            {
                { Invoice: { } invoice } => string.Create(CultureInfo.InvariantCulture,
                    $"  {close.AccountId} {close.PeriodStart}: {invoice.Number} {invoice.Total} {invoice.Currency}"),
                { AwaitingTaxData: { } hold } => $"  {close.AccountId} {close.PeriodStart}: held, awaiting tax data: {string.Join("; ", hold.Missing)}",
                _ => $"  {close.AccountId} {close.PeriodStart}: {close.RuntimeStatus} {close.Failure}",
            });
        }

        foreach (var held in StillHeld)
        {
            output.WriteLine($"  {held.InstanceId}: held, awaiting tax data: {string.Join("; ", held.Hold.Missing)}");
        }

        foreach (var rule in ExpiringTaxRules)
        {
            output.WriteLine($"Tax rule {rule.RuleKey} (table {rule.Table}) has no rate from {rule.CoveredUntil:yyyy-MM-dd}: store the next rates (tax-tables put).");
        }
    }
}
