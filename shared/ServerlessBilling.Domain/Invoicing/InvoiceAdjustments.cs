namespace ServerlessBilling.Invoicing;

/// <summary>Puts an account's pending adjustments on its draft invoice, and keeps the invoice from going below zero.</summary>
/// <remarks>
/// Adjustments are shown in their own section, oldest first, after the charges and before the taxes, and are outside
/// the tax base: like prior-period usage they correct or follow up an earlier invoice (a re-rating difference, a late
/// fee, an overpayment), whose own taxes stand, and they are added after this invoice's taxes were computed.
/// When the credits exceed the charges, the invoice's total is floored at zero by a last line that carries the
/// remainder forward; finalize turns that line into a <see cref="AdjustmentKind.CreditBalance"/> for the next invoice.
/// </remarks>
public static class InvoiceAdjustments
{
    public const string CarriedForwardDescription = "Credit carried forward to the next invoice";

    private const string OverpaymentPrefix = "credit-balance:";

    /// <summary>The id of the credit an overpayment of <paramref name="invoiceId"/> (recorded under <paramref name="paymentKey"/>)
    /// leaves for the next invoice; the invoice that applies it shows it as paid, not as a credit.</summary>
    public static string OverpaymentId(string invoiceId, string paymentKey) => $"{OverpaymentPrefix}{invoiceId}:{paymentKey}";

    /// <summary>Whether an adjustment (by its id) is money already paid: an overpayment of an earlier invoice (<see cref="OverpaymentId"/>).</summary>
    public static bool IsPayment(string? adjustmentId) => adjustmentId?.StartsWith(OverpaymentPrefix, StringComparison.Ordinal) == true;

    /// <summary>The id of the credit balance an invoice floored at zero carries forward; deterministic so a retried finalize adds it once.</summary>
    public static string CarryForwardId(string invoiceId) => $"carry-forward:{invoiceId}";

    /// <summary>The draft with one line per adjustment (and a carry-forward line when needed); the same draft when there are none.</summary>
    public static Invoice AddTo(Invoice draft, IEnumerable<PendingAdjustment> adjustments)
    {
        var billed = adjustments
            .Where(a => a.AccountId == draft.AccountId && a.Id != CarryForwardId(draft.Id))
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal)
            .ToList();
        if (billed.Count == 0)
        {
            return draft;
        }

        // On a consolidated invoice the account's adjustments belong to its own part, labelled with its name.
        var location = draft.Lines.Any(l => l.Location is not null) ? draft.AccountName : null;
        var added = billed.Select(a => Line(a.Description, a.Amount, a.Id, location)).ToList();
        var total = draft.Total + added.Aggregate(Money.Zero(draft.Currency), (sum, line) => sum + line.Amount);
        if (total.Amount < 0)
        {
            added.Add(Line(CarriedForwardDescription, Money.Zero(draft.Currency) - total, CarryForwardId(draft.Id), location));
        }

        var lines = draft.Lines.ToList();
        var insertAt = lines.FindLastIndex(l => l.Location == location && l.Category < LineCategory.Adjustments) + 1;
        lines.InsertRange(insertAt, added);
        return draft with { Lines = lines };
    }

    /// <summary>The adjustments the invoice bills (the carry-forward line excluded).</summary>
    public static IReadOnlyList<string> BilledIds(Invoice invoice) =>
        [.. invoice.Lines.Select(l => l.AdjustmentId).OfType<string>().Where(id => id != CarryForwardId(invoice.Id))];

    /// <summary>The credit balance the invoice carries forward to the next one, or null when it did not go below zero.</summary>
    public static PendingAdjustment? CarriedForward(Invoice invoice, NodaTime.Instant at) =>
        invoice.Lines.FirstOrDefault(l => l.AdjustmentId == CarryForwardId(invoice.Id)) is { } line
            ? new PendingAdjustment(CarryForwardId(invoice.Id), invoice.AccountId, AdjustmentKind.CreditBalance,
                $"Credit carried forward from invoice {invoice.Number ?? invoice.Id}", Money.Zero(invoice.Currency) - line.Amount, at, invoice.Id)
            : null;

    private static InvoiceLine Line(string description, Money amount, string adjustmentId, string? location) =>
        new(LineCategory.Adjustments, description, 1, "adjustment", null, amount) { AdjustmentId = adjustmentId, Location = location };
}
