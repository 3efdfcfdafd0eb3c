using System.Text.Json;
using NodaTime;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Tests.Payments;

/// <summary>A receivable is stored as one JSON document per invoice (<c>TableReceivables</c>): documents already stored must
/// read back, and a receivable is written as it always was, with its amounts as bare numbers in the invoice's currency.</summary>
public class ReceivableShapeTests
{
    private const string GoldenJson =
        """{"invoiceId":"inv-1","accountId":"acme","number":"INV-0001","currency":"USD","total":100.50,"dueAt":"2026-04-01T00:00:00Z","entries":[{"id":"attempt:1","kind":"Charge","status":"Declined","amount":100.50,"at":"2026-04-01T00:00:00Z","attempt":1,"detail":"card_declined","returned":false,"effect":0},{"id":"charge:pi_2","kind":"Charge","status":"Succeeded","amount":60.25,"at":"2026-04-02T00:00:00Z","reference":"pi_2","attempt":2,"returned":false,"effect":60.25},{"id":"charge:pi_3","kind":"Charge","status":"Processing","amount":40,"at":"2026-04-03T00:00:00Z","reference":"pi_3","attempt":3,"returned":false,"effect":0},{"id":"reversal:evt_1","kind":"Reversal","status":"Succeeded","amount":10.0,"at":"2026-04-04T00:00:00Z","reference":"pi_2","detail":"fraudulent","returned":false,"effect":-10.0},{"id":"offline:k1","kind":"Offline","status":"Succeeded","amount":20,"at":"2026-04-05T00:00:00Z","reference":"CHQ-1","detail":"cheque","returned":false,"effect":20},{"id":"charge:pi_4","kind":"Charge","status":"Failed","amount":5,"at":"2026-04-05T00:00:00Z","reference":"pi_4","attempt":4,"detail":"insufficient_funds","returned":true,"effect":0},{"id":"credited:k2","kind":"CreditedForward","status":"Succeeded","amount":0.05,"at":"2026-04-05T00:00:00Z","detail":"carried to the next invoice","returned":false,"effect":-0.05}],"status":"Open","collectionId":"collect:inv-1","fees":[{"id":"adj-1","amount":1.5,"at":"2026-04-06T00:00:00Z"}],"suspendedAccountAt":"2026-05-01T00:00:00Z","lateFeeOn":"inv-0","paid":70.20,"balanceDue":30.30,"pending":40,"chargeable":0,"isSettled":false,"lastAttempt":4}""";

    private static readonly Instant Due = Instant.FromUtc(2026, 4, 1, 0, 0);

    /// <summary>Every kind of entry and a fee, with amounts of several scales, so the scale each amount was computed with shows.</summary>
    internal static Receivable Sample() =>
        new Receivable("inv-1", "acme", "INV-0001", "USD", Usd(100.50m), Due, [])
        {
            CollectionId = "collect:inv-1",
            SuspendedAccountAt = Due + Duration.FromDays(30),
            LateFeeOn = "inv-0",
            Fees = [new AssessedFee("adj-1", Usd(1.5m), Due + Duration.FromDays(5))],
        }
        .With(new PaymentEntry("attempt:1", PaymentEntryKind.Charge, PaymentEntryStatus.Declined, Usd(100.50m), Due, Attempt: 1, Detail: "card_declined"))
        .With(new PaymentEntry("charge:pi_2", PaymentEntryKind.Charge, PaymentEntryStatus.Succeeded, Usd(60.25m), Due + Duration.FromDays(1), "pi_2", 2))
        .With(new PaymentEntry("charge:pi_3", PaymentEntryKind.Charge, PaymentEntryStatus.Processing, Usd(40m), Due + Duration.FromDays(2), "pi_3", 3))
        .With(new PaymentEntry("reversal:evt_1", PaymentEntryKind.Reversal, PaymentEntryStatus.Succeeded, Usd(10.0m), Due + Duration.FromDays(3), "pi_2", Detail: "fraudulent"))
        .With(new PaymentEntry("offline:k1", PaymentEntryKind.Offline, PaymentEntryStatus.Succeeded, Usd(20m), Due + Duration.FromDays(4), "CHQ-1", Detail: "cheque"))
        .With(new PaymentEntry("charge:pi_4", PaymentEntryKind.Charge, PaymentEntryStatus.Failed, Usd(5m), Due + Duration.FromDays(4), "pi_4", 4, "insufficient_funds", Returned: true))
        .With(new PaymentEntry("credited:k2", PaymentEntryKind.CreditedForward, PaymentEntryStatus.Succeeded, Usd(0.05m), Due + Duration.FromDays(4), Detail: "carried to the next invoice"));

    private static Money Usd(decimal amount) => new(amount, "USD");

    [Fact]
    public void Serialize_Receivable_WritesTheGoldenJson() =>
        JsonSerializer.Serialize(Sample(), BillingJson.Options).ShouldBe(GoldenJson);

    [Fact]
    public void Deserialize_StoredDocument_ReadsTheSameReceivable()
    {
        var read = JsonSerializer.Deserialize<Receivable>(GoldenJson, BillingJson.Options)!;

        JsonSerializer.Serialize(read, BillingJson.Options).ShouldBe(GoldenJson);
        (read.Paid, read.BalanceDue, read.Pending, read.Chargeable).ShouldBe((Sample().Paid, Sample().BalanceDue, Sample().Pending, Sample().Chargeable));
        read.Entries.Select(e => e.Amount).ShouldBe(Sample().Entries.Select(e => e.Amount));
        read.Fees.ShouldBe(Sample().Fees);
    }

    [Fact]
    public void Serialize_WithItsPeriod_WritesThePeriodAfterTheStatusAndReadsItBack()
    {
        var withPeriod = Sample() with { PeriodStart = new LocalDate(2026, 3, 1) };

        var json = JsonSerializer.Serialize(withPeriod, BillingJson.Options);

        json.ShouldBe(GoldenJson.Replace("\"status\":\"Open\",", "\"status\":\"Open\",\"periodStart\":\"2026-03-01\",", StringComparison.Ordinal));
        JsonSerializer.Deserialize<Receivable>(json, BillingJson.Options)!.PeriodStart.ShouldBe(new LocalDate(2026, 3, 1));
    }

    [Fact]
    public void Deserialize_DocumentInEuros_AmountsAreInEuros()
    {
        var euros = GoldenJson.Replace("\"currency\":\"USD\"", "\"currency\":\"EUR\"", StringComparison.Ordinal);

        var read = JsonSerializer.Deserialize<Receivable>(euros, BillingJson.Options)!;

        read.Total.ShouldBe(new Money(100.50m, "EUR"));
        read.Entries.Select(e => e.Amount.Currency).Distinct().ShouldBe(["EUR"]);
        read.Fees.ShouldHaveSingleItem().Amount.ShouldBe(new Money(1.5m, "EUR"));
        (read.Paid, read.BalanceDue).ShouldBe((new Money(70.20m, "EUR"), new Money(30.30m, "EUR")));
    }

    [Fact]
    public void With_EntryInAnotherCurrency_Throws() =>
        Should.Throw<InvalidOperationException>(() => Sample().With(
            new PaymentEntry("offline:eur", PaymentEntryKind.Offline, PaymentEntryStatus.Succeeded, new Money(5m, "EUR"), Due)));
}
