using System.Text.Json;
using ServerlessBilling.Functions.Payments;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>A finished collection's output stays in durable history: it is written as it was when the balance was a decimal, with the
/// balance's currency added after it.</summary>
public class CollectionResultShapeTests
{
    private const string DecimalOutput = """{"InvoiceId":"inv-1","Paid":false,"BalanceDue":10.50}""";

    private const string Output = """{"InvoiceId":"inv-1","Paid":false,"BalanceDue":10.50,"Currency":"USD"}""";

    [Fact]
    public void Serialize_UnderTheDurableDefault_WritesTheDecimalShapeThenTheCurrency()
    {
        var json = JsonSerializer.Serialize(new CollectionResult("inv-1", false, new Money(10.50m, "USD")));

        json.ShouldBe(Output);
        json.ShouldStartWith(DecimalOutput[..^1]);
    }

    [Fact]
    public void Deserialize_Output_ReadsTheBalanceInItsCurrency() =>
        JsonSerializer.Deserialize<CollectionResult>(Output).ShouldBe(new CollectionResult("inv-1", false, new Money(10.50m, "USD")));

    [Fact]
    public void Deserialize_WithTheDecimalRecord_ReadsTheSameBalance() =>
        JsonSerializer.Deserialize<DecimalResult>(Output).ShouldBe(JsonSerializer.Deserialize<DecimalResult>(DecimalOutput));

    /// <summary>The result as it was declared before its balance was money, as a reader built then reads it.</summary>
    private sealed record DecimalResult(string InvoiceId, bool Paid, decimal BalanceDue);
}
