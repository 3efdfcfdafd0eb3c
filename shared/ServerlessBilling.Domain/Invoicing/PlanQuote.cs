namespace ServerlessBilling.Invoicing;

/// <summary>What a candidate plan would bill: one typical account's invoice from sample usage, and the book for many such accounts.</summary>
/// <param name="Invoice">The invoice one account with the sample's usage would receive.</param>
/// <param name="UpstreamCost">What the sample's calls cost upstream, exact: what the vendors reported, else what the cost plans expect
/// (<see cref="ExpectedCost"/> of it).</param>
/// <param name="Unpriced">Sample calls the plan has no rate for (quoted at nothing: fix the plan).</param>
/// <remarks>Taxes are not part of a quote: the invoice is before tax, as the plan prices it.</remarks>
public sealed record PlanQuote(Invoice Invoice, int Accounts, Money UpstreamCost, int Calls, int Unpriced)
{
    /// <summary>The invoice total less the upstream cost, rounded half-up to the currency's minor unit.</summary>
    /// <remarks>Rounded once per account, so that <see cref="Margin"/> is exactly <see cref="Accounts"/> times what is shown per account.</remarks>
    public Money MarginPerAccount => (Invoice.Total - UpstreamCost).RoundToMinorUnit(RoundingMode.HalfUp);

    /// <summary>Each priced sample call after the plan's bundles, in call-start order: the seconds a bundle included and what the rest costs.</summary>
    public IReadOnlyList<DrawnCall> Drawdown { get; init; } = [];

    /// <summary>The part of <see cref="UpstreamCost"/> the cost plans expect, for calls whose vendor reported no cost.</summary>
    public Money? ExpectedCost { get; init; }

    /// <summary>Sample calls whose cost is the cost plans' expected one.</summary>
    public int CallsWithExpectedCost { get; init; }

    /// <summary>Sample calls with neither a reported nor an expected cost: left out of the cost, so the margin is that much too high.</summary>
    public int CallsWithoutCost { get; init; }

    public Money Revenue => Invoice.Total * Accounts;

    public Money Margin => MarginPerAccount * Accounts;
}
