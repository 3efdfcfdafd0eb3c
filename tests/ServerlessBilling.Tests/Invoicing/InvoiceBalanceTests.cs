using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Tests.Invoicing;

/// <summary>The totals an invoice prints: credits and an earlier overpayment applied before issue, and the balance due after them.</summary>
public class InvoiceBalanceTests
{
    private static readonly BillingPeriod July = BillingPeriod.Containing(new LocalDate(2025, 7, 1), 1);
    private static readonly Instant Noon = Instant.FromUtc(2025, 7, 20, 12, 0);

    private static Money Usd(decimal amount) => new(amount, "USD");

    private static Invoice Draft() => new("acme-20250701", "acme", "Acme", July, "USD",
    [
        new(LineCategory.PlatformFee, "Platform", 1, "month", 20m, Usd(20m)),
        new(LineCategory.Taxes, "USF", 20m, "USD", 0.05m, Usd(1m)),
    ]);

    private static PendingAdjustment Overpayment(decimal amount) =>
        new(InvoiceAdjustments.OverpaymentId("acme-20250601", "wire-1"), "acme", AdjustmentKind.CreditBalance, "Overpayment of invoice INV-000006", Usd(-amount), Noon);

    private static PendingAdjustment Credit(string id, decimal amount) => new(id, "acme", AdjustmentKind.Manual, "Service credit", Usd(-amount), Noon);

    private static PendingAdjustment LateFee(decimal amount) => new("late-fee:acme-20250601:1", "acme", AdjustmentKind.LateFee, "Late fee", Usd(amount), Noon);

    [Fact]
    public void Of_NoAdjustments_BalanceIsTheTotal() =>
        InvoiceBalance.Of(Draft()).ShouldBe(new InvoiceBalance(Usd(20m), Usd(1m), Usd(0m), Usd(21m), Usd(0m), Usd(21m)));

    [Fact]
    public void Of_CreditLateFeeAndOverpayment_CreditsOffTheTotalPaymentAsPaidLateFeeAsACharge()
    {
        var invoice = InvoiceAdjustments.AddTo(Draft(), [Credit("manual:1", 3m), Overpayment(10m), LateFee(2m)]);

        // 20 + 2 (late fee) + 1 (tax) - 3 (credit) = 20 due; 10 paid; 10 left, the invoice's total.
        InvoiceBalance.Of(invoice).ShouldBe(new InvoiceBalance(Usd(22m), Usd(1m), Usd(-3m), Usd(20m), Usd(10m), Usd(10m)));
        invoice.Total.ShouldBe(Usd(10m));
    }

    [Fact]
    public void Of_OverpaymentBeyondTheCharges_ShowsOnlyWhatItPaysTheRestCarriedForward()
    {
        var invoice = InvoiceAdjustments.AddTo(Draft(), [Credit("manual:1", 5m), Overpayment(30m)]);

        // 21 - 5 = 16 due; 30 paid in, 14 carried forward, so 16 applied and nothing left to pay.
        InvoiceBalance.Of(invoice).ShouldBe(new InvoiceBalance(Usd(20m), Usd(1m), Usd(-5m), Usd(16m), Usd(16m), Usd(0m)));
    }

    [Fact]
    public void Of_CreditsBeyondTheCharges_CarryTheRestForwardOffTheCredits()
    {
        var invoice = InvoiceAdjustments.AddTo(Draft(), [Credit("manual:1", 25m), Overpayment(4m)]);

        // 29 of credit and payment against 21: 8 carried forward, taken off the payment first (4), then off the credit (4).
        InvoiceBalance.Of(invoice).ShouldBe(new InvoiceBalance(Usd(20m), Usd(1m), Usd(-21m), Usd(0m), Usd(0m), Usd(0m)));
    }
}
