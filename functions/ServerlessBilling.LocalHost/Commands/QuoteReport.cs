using ServerlessBilling.Invoicing;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>quote --json</c>: the invoice per account with its lines, each sample call after bundles, the book's totals, and what
/// could not be read.</summary>
public sealed record QuoteReport(
    string Plan, string Currency, string Zone, string Period, int Accounts, int NumbersPerAccount, int SampleCalls, int Unpriced,
    IReadOnlyList<QuoteReport.Line> Lines, IReadOnlyList<QuoteReport.Call> Calls, IReadOnlyList<BadLine> BadLines, QuoteReport.Totals Total,
    bool TaxesIncluded, string Note)
{
    public static QuoteReport Of(OfflineInput input, PlanQuote quote, int numbers) => new(
        input.Plan.Id, input.Plan.Currency, input.Zone.Id, quote.Invoice.Period.ToString(), quote.Accounts, numbers, quote.Calls, quote.Unpriced,
        quote.Invoice.Lines.Select(l => new Line(l.Category.ToString(), l.Description, l.Quantity, l.Unit, l.UnitPrice, l.Amount.Amount)).ToList(),
        quote.Drawdown.Select(d => new Call(
            d.Usage.Event.EventId, d.Usage.Charge.BillableSeconds, d.Usage.Charge.Rate, d.Usage.Charge.Amount.Amount,
            d.Bundle?.Name, d.IncludedSeconds, d.ChargedSeconds, d.ChargedAmount)).ToList(),
        BadLine.Of(input),
        new Totals(quote.Invoice.Total.Amount, quote.UpstreamCost.Amount, quote.MarginPerAccount.Amount, quote.Revenue.Amount, quote.Margin.Amount),
        TaxesIncluded: false,
        "Amounts are before tax. Bundles are drawn per call (calls); tiers and the minimum spend apply to the period's totals (lines). " + QuoteCommand.TaxNote);

    public sealed record Line(string Category, string Description, decimal Quantity, string Unit, decimal? UnitPrice, decimal Amount);

    /// <summary>A priced sample call: its rated amount, then the seconds its bundle included and what the rest costs (exact).</summary>
    public sealed record Call(string EventId, int BillableSeconds, string? Rate, decimal RatedAmount, string? Bundle, int IncludedSeconds, int ChargedSeconds, decimal ChargedAmount);

    /// <summary>Per account (rounded to the currency's minor unit, except the exact upstream cost), then for all accounts.</summary>
    public sealed record Totals(decimal InvoicePerAccount, decimal UpstreamCostPerAccount, decimal MarginPerAccount, decimal Revenue, decimal Margin);
}
