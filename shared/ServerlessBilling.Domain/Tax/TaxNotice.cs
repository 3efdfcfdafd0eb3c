namespace ServerlessBilling.Tax;

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
