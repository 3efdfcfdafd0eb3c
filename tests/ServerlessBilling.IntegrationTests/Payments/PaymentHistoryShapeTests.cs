using System.Text.Json;
using ServerlessBilling.Functions.Payments;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.Payments;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>The payment history the invoice API shows, held to literal text: amounts as bare numbers in the invoice's currency,
/// as they were when the receivable held decimals (its entries are the stored document's entries, text for text).</summary>
public class PaymentHistoryShapeTests
{
    private const string StoredReceivable =
        """{"invoiceId":"inv-1","accountId":"acme","number":"INV-0001","currency":"USD","total":100.50,"dueAt":"2026-04-01T00:00:00Z","entries":[{"id":"attempt:1","kind":"Charge","status":"Declined","amount":100.50,"at":"2026-04-01T00:00:00Z","attempt":1,"detail":"card_declined","returned":false,"effect":0},{"id":"charge:pi_2","kind":"Charge","status":"Succeeded","amount":60.25,"at":"2026-04-02T00:00:00Z","reference":"pi_2","attempt":2,"returned":false,"effect":60.25},{"id":"charge:pi_3","kind":"Charge","status":"Processing","amount":40,"at":"2026-04-03T00:00:00Z","reference":"pi_3","attempt":3,"returned":false,"effect":0},{"id":"reversal:evt_1","kind":"Reversal","status":"Succeeded","amount":10.0,"at":"2026-04-04T00:00:00Z","reference":"pi_2","detail":"fraudulent","returned":false,"effect":-10.0},{"id":"offline:k1","kind":"Offline","status":"Succeeded","amount":20,"at":"2026-04-05T00:00:00Z","reference":"CHQ-1","detail":"cheque","returned":false,"effect":20},{"id":"charge:pi_4","kind":"Charge","status":"Failed","amount":5,"at":"2026-04-05T00:00:00Z","reference":"pi_4","attempt":4,"detail":"insufficient_funds","returned":true,"effect":0},{"id":"credited:k2","kind":"CreditedForward","status":"Succeeded","amount":0.05,"at":"2026-04-05T00:00:00Z","detail":"carried to the next invoice","returned":false,"effect":-0.05}],"status":"Open","collectionId":"collect:inv-1","fees":[{"id":"adj-1","amount":1.5,"at":"2026-04-06T00:00:00Z"}],"suspendedAccountAt":"2026-05-01T00:00:00Z","lateFeeOn":"inv-0","paid":70.20,"balanceDue":30.30,"pending":40,"chargeable":0,"isSettled":false,"lastAttempt":4}""";

    private const string GoldenHistory =
        """{"status":"Open","total":100.50,"paid":70.20,"balanceDue":30.30,"pending":40,"dueAt":"2026-04-01T00:00:00Z","entries":[{"id":"attempt:1","kind":"Charge","status":"Declined","amount":100.50,"at":"2026-04-01T00:00:00Z","attempt":1,"detail":"card_declined","returned":false,"effect":0},{"id":"charge:pi_2","kind":"Charge","status":"Succeeded","amount":60.25,"at":"2026-04-02T00:00:00Z","reference":"pi_2","attempt":2,"returned":false,"effect":60.25},{"id":"charge:pi_3","kind":"Charge","status":"Processing","amount":40,"at":"2026-04-03T00:00:00Z","reference":"pi_3","attempt":3,"returned":false,"effect":0},{"id":"reversal:evt_1","kind":"Reversal","status":"Succeeded","amount":10.0,"at":"2026-04-04T00:00:00Z","reference":"pi_2","detail":"fraudulent","returned":false,"effect":-10.0},{"id":"offline:k1","kind":"Offline","status":"Succeeded","amount":20,"at":"2026-04-05T00:00:00Z","reference":"CHQ-1","detail":"cheque","returned":false,"effect":20},{"id":"charge:pi_4","kind":"Charge","status":"Failed","amount":5,"at":"2026-04-05T00:00:00Z","reference":"pi_4","attempt":4,"detail":"insufficient_funds","returned":true,"effect":0},{"id":"credited:k2","kind":"CreditedForward","status":"Succeeded","amount":0.05,"at":"2026-04-05T00:00:00Z","detail":"carried to the next invoice","returned":false,"effect":-0.05}],"lateFees":[{"id":"adj-1","amount":1.5,"at":"2026-04-06T00:00:00Z"}]}""";

    [Fact]
    public void PaymentHistory_OfAStoredReceivable_WritesTheGoldenJson()
    {
        var receivable = JsonSerializer.Deserialize<Receivable>(StoredReceivable, BillingJson.Options)!;

        JsonSerializer.Serialize(PaymentHistory.Of(receivable), BillingJson.Options).ShouldBe(GoldenHistory);
    }

    [Fact]
    public void PaymentHistoryView_GoldenJson_ReadsBackUnchanged()
    {
        var view = JsonSerializer.Deserialize<PaymentHistoryView>(GoldenHistory, BillingJson.Options)!;

        (view.Total, view.Paid, view.BalanceDue, view.Pending).ShouldBe((100.50m, 70.20m, 30.30m, 40m));
        JsonSerializer.Serialize(view, BillingJson.Options).ShouldBe(GoldenHistory);
    }
}
