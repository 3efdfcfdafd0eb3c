namespace ServerlessBilling.Invoicing;

/// <summary>What one of the customer's numbers used in a period: its calls, their charged minutes and what they cost.</summary>
/// <param name="Location">On a consolidated invoice, the location the number belongs to; else null.</param>
/// <param name="Number">The customer's side of the calls (see <see cref="CallDetail.Number"/>).</param>
/// <param name="Calls">Calls listed for the number, attempts included.</param>
/// <param name="Attempts">Of those, calls that never connected but were charged for the attempt.</param>
/// <param name="ChargedSeconds">Billable seconds not covered by a bundle.</param>
/// <param name="Amount">The sum of its calls' unrounded amounts.</param>
/// <remarks>Per-call amounts keep the plan's per-call precision; the invoice rounds once per line, by component and direction,
/// so the rounded summaries of the numbers can differ by a cent from the usage lines, which are what is billed.</remarks>
public sealed record NumberSummary(string? Location, string Number, int Calls, int Attempts, long ChargedSeconds, decimal Amount)
{
    /// <summary>Charged minutes, as the invoice's usage lines count them (seconds / 60).</summary>
    public decimal ChargedMinutes => ChargedSeconds / 60m;
}
