using System.Text.Json;
using ServerlessBilling.Functions.Payments;

namespace ServerlessBilling.IntegrationTests.Payments;

/// <summary>A finished collection's output stays in durable history: it is written as it was when the balance was a decimal.</summary>
public class CollectionResultShapeTests
{
    private const string Output = """{"InvoiceId":"inv-1","Paid":false,"BalanceDue":10.50}""";

    [Fact]
    public void Serialize_UnderTheDurableDefault_WritesTheStoredShape() =>
        JsonSerializer.Serialize(JsonSerializer.Deserialize<CollectionResult>(Output)).ShouldBe(Output);
}
