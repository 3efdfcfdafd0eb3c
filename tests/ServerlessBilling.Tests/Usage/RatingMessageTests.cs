using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage;

public class RatingMessageTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 15, 0);

    [Fact]
    public void TryParse_MessageWrittenBeforeAnswerAndEndInstants_ReadsThemAsNull()
    {
        const string older = """{"events":[{"eventId":"e-1","source":"asterisk","sourceRecordId":"1","startedAt":"2026-03-02T15:00:00Z","durationSeconds":60,"direction":"Inbound","from":"+13125550142","to":"+18885550100","component":"Telephony","answered":true}]}""";

        RatingMessage.TryParse(older, out var message, out _).ShouldBeTrue();

        var usage = message!.Events.ShouldHaveSingleItem();
        (usage.StartedAt, usage.AnsweredAt, usage.EndedAt, message.Batch).ShouldBe((Start, null, null, null));
    }

    [Fact]
    public void ToJson_EventWithoutInstantsOrBatch_WritesNeitherField()
    {
        var json = new RatingMessage([TestPlans.Call("e-1", Start, 60)]).ToJson();

        json.ShouldNotContain("answeredAt");
        json.ShouldNotContain("endedAt");
        json.ShouldNotContain("batch");
    }

    [Fact]
    public void ToJson_InstantsAndBatch_RoundTrip()
    {
        var usage = TestPlans.Call("e-1", Start, 60) with { AnsweredAt = (Start + Duration.FromSeconds(4)), EndedAt = (Start + Duration.FromSeconds(64)) };
        var sent = new RatingMessage([usage], new CdrBatch("asterisk/Master.csv", "\"0x1\"", 1, 100));

        RatingMessage.TryParse(sent.ToJson(), out var received, out _).ShouldBeTrue();

        received!.Batch.ShouldBe(sent.Batch);
        (received.Events[0].AnsweredAt, received.Events[0].EndedAt).ShouldBe(((Start + Duration.FromSeconds(4)), (Start + Duration.FromSeconds(64))));
    }
}
