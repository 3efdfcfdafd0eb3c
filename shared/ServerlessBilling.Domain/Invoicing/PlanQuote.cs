namespace ServerlessBilling.Invoicing;

/// <summary>What a candidate plan would bill: one typical account's invoice from sample usage, and the book for many such accounts.</summary>
/// <param name="Invoice">The invoice one account with the sample's usage would receive.</param>
/// <param name="UpstreamCost">What the vendors charged for the sample's calls (where they reported it).</param>
/// <param name="Unpriced">Sample calls the plan has no rate for (quoted at nothing: fix the plan).</param>
public sealed record PlanQuote(Invoice Invoice, int Accounts, Money UpstreamCost, int Calls, int Unpriced)
{
    public Money MarginPerAccount => Invoice.Total - UpstreamCost;

    public Money Revenue => Invoice.Total * Accounts;

    public Money Margin => MarginPerAccount * Accounts;
}
