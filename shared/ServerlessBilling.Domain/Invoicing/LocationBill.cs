using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Invoicing;

/// <summary>What one location brings to a close: its account, plan, numbers and rated usage.</summary>
/// <param name="PreviousUsage">The previous period's usage, when one of the plan's bundles rolls over; else null.</param>
public sealed record LocationBill(
    Account Account,
    PricePlan Plan,
    IReadOnlyList<NumberAssignment> Numbers,
    IReadOnlyList<RatedUsage> Usage,
    IReadOnlyList<RatedUsage>? PreviousUsage = null)
{
    /// <summary>Gives back what a store holds for the usage read (a long period's spool file); the bill's usage is not read after.</summary>
    public void ReleaseUsage()
    {
        (Usage as IDisposable)?.Dispose();
        (PreviousUsage as IDisposable)?.Dispose();
    }
}
