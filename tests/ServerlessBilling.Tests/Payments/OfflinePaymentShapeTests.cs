using System.Text.Json;
using ServerlessBilling.Payments;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Payments;

/// <summary>The body of <c>POST .../payments</c> as clients send it: the amount a bare number in the invoice's currency.</summary>
public class OfflinePaymentShapeTests
{
    private const string Body = """{"key":"chq-1042","amount":120.50,"method":"cheque","reference":"1042"}""";

    [Fact]
    public void Deserialize_Body_ReadsEachField()
    {
        var payment = JsonSerializer.Deserialize<OfflinePaymentRequest>(Body, BillingJson.Options)!;

        (payment.Key, payment.Amount, payment.Method, payment.Reference, payment.Currency).ShouldBe(("chq-1042", 120.50m, "cheque", "1042", null));
    }

    [Fact]
    public void In_InvoiceCurrency_IsThePaymentInIt() =>
        JsonSerializer.Deserialize<OfflinePaymentRequest>(Body, BillingJson.Options)!.In("USD", "refused").Value
            .ShouldBe(new OfflinePayment("chq-1042", new Money(120.50m, "USD"), "cheque", "1042"));

    [Fact]
    public void In_AnotherCurrencyNamed_IsRefusedNamingCurrency()
    {
        var euros = Body.Replace("}", ",\"currency\":\"EUR\"}", StringComparison.Ordinal);

        var refused = JsonSerializer.Deserialize<OfflinePaymentRequest>(euros, BillingJson.Options)!.In("USD", "refused");

        refused.Problem!.Fields.ShouldHaveSingleItem().ShouldBe(new RecordProblem("currency", "currency: EUR is not the invoice's currency (USD)."));
    }

    [Fact]
    public void In_TheInvoiceCurrencyNamed_IsThePaymentInIt() =>
        new OfflinePaymentRequest("k", 5m, "wire", Currency: "JPY").In("JPY", "refused").Value.Amount.ShouldBe(new Money(5m, "JPY"));

    [Fact]
    public void Serialize_AsTheClientSendsIt_WritesTheBody() =>
        JsonSerializer.Serialize(new OfflinePaymentRequest("chq-1042", 120.50m, "cheque", "1042"), BillingJson.Options).ShouldBe(Body);
}
