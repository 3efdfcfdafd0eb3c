using System.Text.Json;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Tests.Payments;

/// <summary>The body of <c>POST .../payments</c> as clients send it: the amount a bare number in the invoice's currency.</summary>
public class OfflinePaymentShapeTests
{
    private const string Body = """{"key":"chq-1042","amount":120.50,"method":"cheque","reference":"1042"}""";

    [Fact]
    public void Deserialize_Body_ReadsEachField()
    {
        var payment = JsonSerializer.Deserialize<OfflinePayment>(Body, BillingJson.Options)!;

        (payment.Key, payment.Amount, payment.Method, payment.Reference).ShouldBe(("chq-1042", 120.50m, "cheque", "1042"));
    }

    [Fact]
    public void Serialize_AsTheClientSendsIt_WritesTheBody() =>
        JsonSerializer.Serialize(new OfflinePayment("chq-1042", 120.50m, "cheque", "1042"), BillingJson.Options).ShouldBe(Body);
}
