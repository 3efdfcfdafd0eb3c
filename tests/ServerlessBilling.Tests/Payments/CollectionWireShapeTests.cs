using System.Text.Json;
using NodaTime;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Tests.Payments;

/// <summary>Collections live in durable history for weeks and policies in stored accounts: their JSON keeps the shape it had when
/// the times were <see cref="DateTime"/> and <see cref="TimeSpan"/>, under every serializer that carries them.</summary>
public class CollectionWireShapeTests
{
    /// <summary>The durable engine's default (the local host), the Functions worker's default, and the product's own.</summary>
    public static TheoryData<string> Serializers => ["durable", "worker", "billing"];

    private const string StoredState =
        """{"InvoiceId":"inv-1","AccountId":"acct-1","Currency":"USD","BalanceDue":10.50,"Pending":0,"Settled":false,"CanCharge":true,"PaymentMethodId":"pm_1","NextAttempt":2,"DueAtUtc":"2026-07-01T00:00:00Z","Suspended":false,"Policy":{"RetryDelays":["3.00:00:00","5.00:00:00","7.12:00:00"],"ReminderLead":"1.00:00:00","OverdueAfter":"1.00:00:00","LateFee":{"Basis":0,"Value":1.5,"Grace":"5.00:00:00","Recurrence":1,"Cap":null,"Placement":1},"ReturnedPaymentFee":15,"SuspendAfterFinalFailure":true,"WriteOffAfter":"120.00:00:00","MaxAttempts":4},"ChargeAutomatically":true,"LateFeesAssessed":0,"Paid":false}""";

    [Theory]
    [MemberData(nameof(Serializers))]
    public void CollectionState_AsStoredBeforeInstants_ReadsBack(string serializer)
    {
        var state = JsonSerializer.Deserialize<CollectionState>(StoredState, Options(serializer))!;

        state.DueAt.ShouldBe(Instant.FromUtc(2026, 7, 1, 0, 0));
        state.Policy.RetryDelays.ShouldBe([Duration.FromDays(3), Duration.FromDays(5), Duration.FromHours(180)]);
        state.Policy.LateFee!.Grace.ShouldBe(Duration.FromDays(5));
        (state.Policy.ReminderLead, state.Policy.WriteOffAfter).ShouldBe((Duration.FromDays(1), Duration.FromDays(120)));
    }

    [Fact]
    public void CollectionState_UnderTheDurableDefault_WritesTheStoredShape() =>
        JsonSerializer.Serialize(JsonSerializer.Deserialize<CollectionState>(StoredState, Options("durable"))).ShouldBe(StoredState);

    [Theory]
    [MemberData(nameof(Serializers))]
    public void DunningStep_KeepsItsDateTimeNameAndText(string serializer)
    {
        var step = new DunningStep("acct-1", "inv-1", "collect:inv-1", DunningStepKind.Reminder, 2, Instant.FromUtc(2026, 7, 4, 12, 30, 15));

        var json = JsonSerializer.Serialize(step, Options(serializer));

        json.ShouldContain("\"AtUtc\":\"2026-07-04T12:30:15Z\"");
        JsonSerializer.Deserialize<DunningStep>(json, Options(serializer)).ShouldBe(step);
        JsonSerializer.Deserialize<DunningStep>(json.Replace("\"AtUtc\":\"2026-07-04T12:30:15Z\"", "\"AtUtc\":null", StringComparison.Ordinal), Options(serializer))!
            .At.ShouldBeNull();
    }

    [Fact]
    public void DunningPolicy_InAStoredAccount_KeepsSpanText()
    {
        var policy = DunningPolicy.Default with { RetryDelays = [Duration.FromHours(12)], LateFee = new LateFeePolicy(LateFeeBasis.Flat, 25m, Duration.FromDays(2)) };

        var json = JsonSerializer.Serialize(policy, BillingJson.Options);

        json.ShouldStartWith("""{"retryDelays":["12:00:00"],"reminderLead":"1.00:00:00","overdueAfter":"1.00:00:00","lateFee":{"basis":"Flat","value":25,"grace":"2.00:00:00",""");
        JsonSerializer.Deserialize<DunningPolicy>(json, BillingJson.Options)!.RetryDelays.ShouldBe([Duration.FromHours(12)]);
    }

    private static JsonSerializerOptions Options(string serializer) => serializer switch
    {
        "durable" => JsonSerializerOptions.Default,
        "worker" => new JsonSerializerOptions { PropertyNameCaseInsensitive = true },
        _ => BillingJson.Options,
    };
}
