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

    /// <summary>Who the invoice is addressed to (the account's billing contact when it was built); null when the account has none.</summary>
    public BillingContact? BillTo { get; init; }

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
