using NodaTime;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Invoicing;

/// <summary>What an account's open period would be billed if it closed with the usage stored now: a preview, never
/// stored and never numbered.</summary>
/// <param name="Invoice">The invoice the close would produce from what is stored at <paramref name="AsOf"/>: unnumbered,
/// without issue or due date.</param>
/// <param name="AsOf">When it was priced; usage rated after this instant is not on it.</param>
/// <param name="PeriodEndsAt">When the period ends (its last day's end in the account's zone); the close starts after it.</param>
/// <remarks>Recurring fees are for the whole period, as the close bills them in advance; usage is what has been rated so far.</remarks>
public sealed record UpcomingInvoice(Invoice Invoice, Instant AsOf, Instant PeriodEndsAt)
{
    /// <summary>Always true: the document is a preview, not an invoice (clients that store invoices skip it on this flag).</summary>
    public bool Preview => true;

    /// <summary>The open period priced.</summary>
    public BillingPeriod Period => Invoice.Period;

    /// <summary>The preview's total (the sum of its lines, taxes included).</summary>
    public Money Total => Invoice.Total;
}
