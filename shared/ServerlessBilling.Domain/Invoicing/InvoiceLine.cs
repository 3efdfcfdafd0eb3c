namespace ServerlessBilling.Invoicing;

/// <summary>One line of an invoice. <see cref="Amount"/> is rounded to the currency's minor unit; <see cref="UnitPrice"/> is not.</summary>
public sealed record InvoiceLine(LineCategory Category, string Description, decimal Quantity, string Unit, decimal? UnitPrice, Money Amount)
{
    /// <summary>The usage component a usage line prices, so taxes can tell AI minutes (not telecom) from PSTN minutes.</summary>
    public Usage.UsageComponent? Component { get; init; }

    /// <summary>On a consolidated invoice, the location (account name) the line was billed for; null otherwise.</summary>
    public string? Location { get; init; }

    /// <summary>On an <see cref="LineCategory.Adjustments"/> line, the <see cref="PendingAdjustment"/> it bills, so finalize can mark it billed.</summary>
    public string? AdjustmentId { get; init; }
    /// <summary>On a taxed charge: its Form 499-A category and jurisdictional split, for the tax reports; null otherwise.</summary>
    public Tax.TaxedRevenue? Revenue { get; init; }

    /// <summary>On a usage line split by where its calls ran (for a tax service that taxes intrastate and interstate minutes apart):
    /// which part it is; null on an unsplit line and on every other line.</summary>
    public Tax.UsageJurisdiction? Jurisdiction { get; init; }

    /// <summary>On a tax line: the tax it bills (rule, jurisdiction, kind, unrounded amount), for the tax reports; null otherwise.</summary>
    public Tax.TaxLine? Tax { get; init; }
}
