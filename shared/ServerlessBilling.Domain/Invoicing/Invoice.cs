using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Invoicing;

/// <summary>An account's bill for one period. A draft until it has a number; once finalized it is never edited (corrections are credit notes).</summary>
public sealed record Invoice(
    string Id,
    string AccountId,
    string AccountName,
    BillingPeriod Period,
    string Currency,
    IReadOnlyList<InvoiceLine> Lines,
    string? Number = null,
    LocalDate? IssueDate = null,
    LocalDate? DueDate = null,
    PostalAddress? ServiceAddress = null)
{
    /// <summary>The sum of the lines, each already rounded to the currency's minor unit, so total = Σ lines exactly.</summary>
    public Money Total => Lines.Aggregate(Money.Zero(Currency), (sum, line) => sum + line.Amount);

    /// <summary>The total of each location's lines, in the order the locations first appear; one entry (location null) on an invoice that is not consolidated.</summary>
    /// <remarks>Sums of rounded lines, so the subtotals add up to <see cref="Total"/> exactly.</remarks>
    public IReadOnlyList<LocationSubtotal> Subtotals =>
    [
        .. Lines.GroupBy(l => l.Location, StringComparer.Ordinal)
            .Select(g => new LocationSubtotal(g.Key, g.Aggregate(Money.Zero(Currency), (sum, line) => sum + line.Amount))),
    ];

    public bool IsFinal => Number is not null;

    /// <summary>What the tax calculation reported and did not bill as a line (a missing rate, an exemption, a cap applied);
    /// stored with the invoice and printed on it, so nobody is left to guess why a tax is absent or smaller.</summary>
    public IReadOnlyList<Tax.TaxNotice> TaxNotices { get; init; } = [];

    /// <summary>On an invoice of its own for a late fee, the invoice that was paid late; null on a period's invoice.</summary>
    public string? LateFeeOn { get; init; }

    /// <summary>Deterministic id: one invoice per account and period, whatever retries happen.</summary>
    public static string IdFor(string accountId, BillingPeriod period) => $"{accountId}-{period.Start:yyyyMMdd}";

    public Invoice Finalize(string number, LocalDate issueDate, int netTermsDays)
    {
        if (IsFinal)
        {
            throw new InvalidOperationException($"Invoice {Id} is already final as {Number}.");
        }

        return this with { Number = number, IssueDate = issueDate, DueDate = issueDate.PlusDays(netTermsDays) };
    }
}

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

    /// <summary>On a tax line: the tax it bills (rule, jurisdiction, kind, unrounded amount), for the tax reports; null otherwise.</summary>
    public Tax.TaxLine? Tax { get; init; }
}

/// <summary>What one location of a consolidated invoice comes to (its lines, taxes included).</summary>
public sealed record LocationSubtotal(string? Location, Money Amount);

/// <summary>The sections an invoice groups its lines into, in the order they are shown.</summary>
public enum LineCategory
{
    PlatformFee,
    AddOns,
    OneTimeFees,
    Numbers,
    IncludedUsage,
    Usage,

    /// <summary>Calls of an earlier period that arrived after its close had started; that invoice is never reissued.</summary>
    PriorPeriodUsage,
    Commitment,

    /// <summary>Pending charges and credits (<see cref="PendingAdjustment"/>): fees, re-rating differences, credit balances. Outside the tax base.</summary>
    Adjustments,
    Taxes,
}
