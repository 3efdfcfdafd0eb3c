using System.Text.Json;
using NodaTime;
using ServerlessBilling.Events;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Tests.Payments;

/// <summary>The payload of every collection event goes to the reseller's own systems: its JSON is held to literal text, with the
/// currency once and the amounts as bare numbers.</summary>
public class CollectionEventShapeTests
{
    private const string Full =
        """{"invoiceId":"inv-1","number":"INV-0001","accountId":"acme","currency":"USD","balanceDue":30.30,"amount":60.25,"attempt":2,"at":"2026-04-01T00:00:00Z","detail":"card_declined","paymentId":"pi_2","actionUrl":"https://pay.example/pi_2"}""";

    private const string Bare =
        """{"invoiceId":"inv-1","number":"INV-0001","accountId":"acme","currency":"EUR","balanceDue":0}""";

    private static CollectionEventData FullData() => Data(30.30m, "USD") with
    {
        Amount = new Money(60.25m, "USD"),
        Attempt = 2,
        At = Instant.FromUtc(2026, 4, 1, 0, 0),
        Detail = "card_declined",
        PaymentId = "pi_2",
        ActionUrl = "https://pay.example/pi_2",
    };

    [Fact]
    public void Serialize_EveryField_WritesTheGoldenJson() =>
        JsonSerializer.Serialize(FullData(), BillingJson.Options).ShouldBe(Full);

    [Fact]
    public void Serialize_NothingOptional_WritesTheGoldenJson() =>
        JsonSerializer.Serialize(Data(0m, "EUR"), BillingJson.Options).ShouldBe(Bare);

    [Fact]
    public void DomainEvent_Payload_IsTheGoldenJson() =>
        DomainEvent.Create(PaymentEvents.PaymentFailed, "inv-1:a2", Instant.FromUtc(2026, 4, 1, 0, 0), "acme", FullData()).Data.GetRawText().ShouldBe(Full);

    [Fact]
    public void Deserialize_GoldenJson_ReadsTheSameData()
    {
        JsonSerializer.Deserialize<CollectionEventData>(Full, BillingJson.Options).ShouldBe(FullData());
        JsonSerializer.Deserialize<CollectionEventData>(Bare, BillingJson.Options).ShouldBe(Data(0m, "EUR"));
    }

    private static CollectionEventData Data(decimal balanceDue, string currency) => new("inv-1", "INV-0001", "acme", currency, new Money(balanceDue, currency));
}
