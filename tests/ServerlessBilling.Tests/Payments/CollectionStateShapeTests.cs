using System.Text.Json;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Tests.Payments;

/// <summary>A collection's state is durable history, read back by replays for weeks: under every serializer that carries it, it is
/// written as it was when its amounts were decimals, each amount with the scale it was computed with.</summary>
public class CollectionStateShapeTests
{
    private const string Durable =
        """{"InvoiceId":"inv-1","AccountId":"acct-1","Currency":"USD","BalanceDue":10.50,"Pending":0,"Settled":false,"CanCharge":true,"PaymentMethodId":"pm_1","NextAttempt":2,"DueAtUtc":"2026-07-01T00:00:00Z","Suspended":false,"Policy":{"RetryDelays":["3.00:00:00","5.00:00:00","7.12:00:00"],"ReminderLead":"1.00:00:00","OverdueAfter":"1.00:00:00","LateFee":{"Basis":0,"Value":1.5,"Grace":"5.00:00:00","Recurrence":1,"Cap":null,"Placement":1},"ReturnedPaymentFee":15,"SuspendAfterFinalFailure":true,"WriteOffAfter":"120.00:00:00","MaxAttempts":4},"ChargeAutomatically":true,"LateFeesAssessed":0,"Paid":false}""";

    private const string Billing =
        """{"invoiceId":"inv-1","accountId":"acct-1","currency":"USD","balanceDue":10.50,"pending":0,"settled":false,"canCharge":true,"paymentMethodId":"pm_1","nextAttempt":2,"DueAtUtc":"2026-07-01T00:00:00Z","suspended":false,"policy":{"retryDelays":["3.00:00:00","5.00:00:00","7.12:00:00"],"reminderLead":"1.00:00:00","overdueAfter":"1.00:00:00","lateFee":{"basis":"Flat","value":1.5,"grace":"5.00:00:00","recurrence":"Monthly","placement":"OwnInvoice"},"returnedPaymentFee":15,"suspendAfterFinalFailure":true,"writeOffAfter":"120.00:00:00","maxAttempts":4},"chargeAutomatically":true,"lateFeesAssessed":0,"paid":false}""";

    /// <summary>The durable engine's default (the local host), the Functions worker's default, and the product's own, each with what it writes.</summary>
    public static TheoryData<string, string> Shapes => new()
    {
        { "durable", Durable },
        { "worker", Durable },
        { "billing", Billing },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Serialize_ReadState_WritesTheStoredShape(string serializer, string shape)
    {
        var state = JsonSerializer.Deserialize<CollectionState>(Durable, Options(serializer))!;

        JsonSerializer.Serialize(state, Options(serializer)).ShouldBe(shape);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Deserialize_ItsOwnShape_ReadsTheSameState(string serializer, string shape)
    {
        var state = JsonSerializer.Deserialize<CollectionState>(shape, Options(serializer))!;

        JsonSerializer.Serialize(state, Options(serializer)).ShouldBe(shape);
        (state.InvoiceId, state.Currency, state.NextAttempt, state.Paid).ShouldBe(("inv-1", "USD", 2, false));
        (state.BalanceDue, state.Pending).ShouldBe((new Money(10.50m, "USD"), Money.Zero("USD")));
    }

    [Fact]
    public void Serialize_SettledWithNothingDue_WritesPaid()
    {
        var state = JsonSerializer.Deserialize<CollectionState>(Durable, Options("durable"))! with { Settled = true };
        var paid = Durable.Replace("\"BalanceDue\":10.50", "\"BalanceDue\":0.00", StringComparison.Ordinal)
            .Replace("\"Settled\":false", "\"Settled\":true", StringComparison.Ordinal)
            .Replace("\"Paid\":false", "\"Paid\":true", StringComparison.Ordinal);

        JsonSerializer.Serialize(JsonSerializer.Deserialize<CollectionState>(paid, Options("durable")), Options("durable")).ShouldBe(paid);
        state.Paid.ShouldBeFalse("10.50 is still due");
    }

    [Fact]
    public void Deserialize_StateInEuros_AmountsAreInEuros()
    {
        var euros = Durable.Replace("\"Currency\":\"USD\"", "\"Currency\":\"EUR\"", StringComparison.Ordinal);

        var state = JsonSerializer.Deserialize<CollectionState>(euros, Options("durable"))!;

        (state.BalanceDue, state.Pending).ShouldBe((new Money(10.50m, "EUR"), Money.Zero("EUR")));
        JsonSerializer.Serialize(state, Options("durable")).ShouldBe(euros);
    }

    private static JsonSerializerOptions Options(string serializer) => serializer switch
    {
        "durable" => JsonSerializerOptions.Default,
        "worker" => new JsonSerializerOptions { PropertyNameCaseInsensitive = true },
        _ => BillingJson.Options,
    };
}
