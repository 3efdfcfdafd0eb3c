namespace ServerlessBilling.Invoicing;

/// <summary>An invoice's totals as its document prints them, from the charges down to the balance due.</summary>
/// <param name="Subtotal">The charges before taxes: every line but taxes and the credits and payments applied.</param>
/// <param name="Taxes">Taxes and regulatory fees.</param>
/// <param name="CreditsApplied">Credits applied at issue (service credits, credit notes, re-rating refunds, credit carried in), net of
/// the part carried forward to the next invoice; zero or negative.</param>
/// <param name="TotalDue">Subtotal + taxes + credits applied.</param>
/// <param name="AmountPaid">Money already received that the invoice applies (an earlier invoice's overpayment); zero or positive.</param>
/// <param name="BalanceDue">What is left to pay: <c>TotalDue - AmountPaid</c>, which is always the invoice's <see cref="Invoice.Total"/>.</param>
/// <remarks>
/// Credits and payments reach an invoice before it is finalized as adjustment lines (<see cref="InvoiceAdjustments"/>). When they
/// exceed the charges, the invoice floors at zero with a line carrying the rest forward; that rest is taken off the payments
/// first (the customer's money stays on account as a balance), then off the credits. Payments that arrive after issue are
/// receipted by collections, not printed here: a final invoice is never edited.
/// </remarks>
public sealed record InvoiceBalance(Money Subtotal, Money Taxes, Money CreditsApplied, Money TotalDue, Money AmountPaid, Money BalanceDue)
{
    public static InvoiceBalance Of(Invoice invoice)
    {
        var zero = Money.Zero(invoice.Currency);
        Money Sum(Func<InvoiceLine, bool> which) => invoice.Lines.Where(which).Aggregate(zero, (sum, line) => sum + line.Amount);
        var carryForwardId = InvoiceAdjustments.CarryForwardId(invoice.Id);
        bool IsPayment(InvoiceLine l) => l.Category == LineCategory.Adjustments && InvoiceAdjustments.IsPayment(l.AdjustmentId);
        bool IsCarried(InvoiceLine l) => l.Category == LineCategory.Adjustments && l.AdjustmentId == carryForwardId;
        bool IsCredit(InvoiceLine l) => l.Category == LineCategory.Adjustments && l.Amount.Amount < 0 && !IsPayment(l);

        var taxes = Sum(l => l.Category == LineCategory.Taxes);
        var subtotal = Sum(l => l.Category != LineCategory.Taxes && !IsPayment(l) && !IsCarried(l) && !IsCredit(l));
        var paymentsLeft = Sum(IsPayment) + Sum(IsCarried);
        var paid = paymentsLeft.Amount < 0 ? paymentsLeft : zero;
        var credits = Sum(IsCredit) + (paymentsLeft.Amount > 0 ? paymentsLeft : zero);
        var totalDue = subtotal + taxes + credits;
        return new InvoiceBalance(subtotal, taxes, credits, totalDue, zero - paid, totalDue + paid);
    }
}
