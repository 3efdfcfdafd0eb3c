namespace ServerlessBilling.Tax;

/// <summary>One tax or fee on an invoice.</summary>
/// <param name="RuleKey">The rule that produced it.</param>
/// <param name="Reference">The charge it was computed on (per-line rounding), or null when it covers the invoice.</param>
/// <param name="TaxableBase">The measure the rate was applied to: an amount for a percentage rule (including earlier taxes it includes), otherwise zero.</param>
/// <param name="Rate">The fraction applied, for a percentage rule.</param>
/// <param name="UnitAmount">The amount per line or per invoice, for per-line and flat rules.</param>
/// <param name="Units">Lines charged (after any cap), 1 for a flat fee, 0 for a percentage rule.</param>
/// <param name="Unrounded">The exact amount, kept for remittance reconciliation.</param>
/// <param name="Amount">The amount billed, rounded half away from zero to the currency's minor unit.</param>
/// <param name="BaseCategory">Where the base's revenue belongs on Form 499-A.</param>
public sealed record TaxLine(
    string RuleKey,
    string Jurisdiction,
    string JurisdictionName,
    JurisdictionLevel Level,
    TaxKind Kind,
    string Label,
    string? Reference,
    decimal TaxableBase,
    decimal? Rate,
    decimal? UnitAmount,
    decimal Units,
    decimal Unrounded,
    Money Amount,
    Form499Category BaseCategory)
{
    /// <summary>The rule's combined invoice label (<see cref="TaxRule.InvoiceLabel"/>), or null when it is shown on its own.</summary>
    public string? InvoiceLabel { get; init; }
}

/// <summary>The taxes of one invoice, and what the engine could not or did not tax.</summary>
public sealed record TaxResult(IReadOnlyList<TaxLine> Lines, IReadOnlyList<TaxNotice> Notices)
{
    /// <summary>Each taxable charge's Form 499-A category and jurisdictional split, for the revenue worksheet.</summary>
    public IReadOnlyList<TaxedRevenue> Revenue { get; init; } = [];

    public Money Total(string currency) => Lines.Aggregate(Money.Zero(currency), (sum, line) => sum + line.Amount);
}

/// <summary>Something the caller should know about a calculation: an expected outcome, not an error.</summary>
/// <remarks>
/// A notice is never dropped: the close carries it on the invoice (<see cref="Invoicing.Invoice.TaxNotices"/>), in its
/// status, its log and its events. Plain values only, so it travels through durable history unchanged.
/// </remarks>
public sealed record TaxNotice(string RuleKey, TaxNoticeReason Reason, string Detail)
{
    /// <summary>The tax table document the rule comes from (<c>federal</c>, <c>ca</c> ...); null when the calculator has no tables.</summary>
    public string? Table { get; init; }

    /// <summary>The date that keyed the rule, <c>yyyy-MM-dd</c> (the invoice date, or the service period start for a USF factor keyed so).</summary>
    public string? Date { get; init; }

    /// <summary>On a consolidated invoice, the location whose taxes raised it; null otherwise.</summary>
    public string? Location { get; init; }

    /// <summary>The notice in one line for logs, statuses and the invoice: rule, table, date and what happened.</summary>
    public override string ToString() =>
        $"{Reason} {RuleKey}{(Table is null ? "" : $" (table {Table})")}{(Location is null ? "" : $" for {Location}")}: {Detail}";
}

/// <summary>Why a notice was raised.</summary>
public enum TaxNoticeReason
{
    /// <summary>The rule applies to the customer but its table has no rate for the date (e.g. next quarter's USF factor is not loaded yet).</summary>
    NoRateForDate,

    /// <summary>An exemption document took the customer out of the rule.</summary>
    Exempt,

    /// <summary>A valid reseller certificate made the sale a sale for resale.</summary>
    Resale,

    /// <summary>The provider is de minimis, so no USF recovery line is billed.</summary>
    DeMinimis,

    /// <summary>The line count was cut to the rule's per-account cap.</summary>
    LinesCapped,

    /// <summary>The rule counts channels or devices, the account does not say how many it has, so one line per number held was charged.</summary>
    LineCountAssumed,

    /// <summary>A USF recovery amount was cut to interstate and international telecom charges times the factor (47 CFR 54.712).</summary>
    UsfCapped,
}
