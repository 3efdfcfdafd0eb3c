using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage.Cdr;

public class TwilioBulkExportTests
{
    private const string Completed =
        """{"sid":"CAfedcba9876543210fedcba9876543210","parent_call_sid":null,"account_sid":"AC0123456789abcdef0123456789abcdef","from":"+14155550100","to":"+12125550199","status":"completed","direction":"outbound-api","start_time":"2023-11-14T22:14:19Z","end_time":"2023-11-14T22:15:42Z","duration":"83","price":"-0.02800","price_unit":"USD","answered_by":null,"queue_time":"0","trunk_sid":null}""";

    private const string InboundNoPrice =
        """{"sid":"CA11111111111111111111111111111111","from":"+13035550001","to":"+18445550100","status":"completed","direction":"inbound","start_time":"2023-11-14T23:00:00+00:00","duration":"61"}""";

    private const string Busy =
        """{"sid":"CA22222222222222222222222222222222","from":"+14155550100","to":"+12125550199","status":"busy","direction":"outbound-dial","start_time":"2023-11-14T22:20:00Z","duration":"0","price":null,"price_unit":"USD"}""";

    private static List<CdrLine> Read(string text) => TwilioBulkExport.Read(new StringReader(text), PhoneRegion.Default).ToList();

    [Theory]
    [InlineData(Completed, "twilio-CAfedcba9876543210fedcba9876543210", CallDirection.Outbound, 83, true, "0.02800")]
    [InlineData(InboundNoPrice, "twilio-CA11111111111111111111111111111111", CallDirection.Inbound, 61, true, null)]
    [InlineData(Busy, "twilio-CA22222222222222222222222222222222", CallDirection.Outbound, 0, false, null)]
    public void Read_CallRecord_IsUsageWithPositiveUpstreamCost(string line, string eventId, CallDirection direction, int seconds, bool answered, string? cost)
    {
        var usage = Read(line).Single().Event.ShouldNotBeNull();

        (usage.EventId, usage.Direction, usage.DurationSeconds, usage.Answered).ShouldBe((eventId, direction, seconds, answered));
        usage.UpstreamCost.ShouldBe(cost is null ? null : new Money(decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture), "USD"));
    }

    [Fact]
    public void Read_Completed_StartsAtTheUtcTime() =>
        Read(Completed).Single().Event!.StartedAt.ShouldBe(Instant.FromUtc(2023, 11, 14, 22, 14, 19));

    [Fact]
    public void Read_Completed_EndsAtTheUtcEndTimeWithNoAnswerInstant() =>
        (Read(Completed).Single().Event!.EndedAt, Read(Completed).Single().Event!.AnsweredAt).ShouldBe((Instant.FromUtc(2023, 11, 14, 22, 15, 42), null));

    [Fact]
    public void Read_WithoutEndTime_HasNoEndInstant() =>
        Read(InboundNoPrice).Single().Event!.EndedAt.ShouldBeNull();

    [Theory]
    [InlineData("no-answer")]
    [InlineData("failed")]
    [InlineData("canceled")]
    public void Read_NeverConnectedStatus_IsUnansweredWithZeroSeconds(string status)
    {
        var usage = Read(Completed.Replace("\"completed\"", $"\"{status}\"", StringComparison.Ordinal)).Single().Event!;
        (usage.Answered, usage.DurationSeconds).ShouldBe((false, 0));
    }

    [Theory]
    [InlineData("{not json", "line")]
    [InlineData("[1,2]", "line")]
    [InlineData("""{"status":"completed"}""", "sid")]
    [InlineData("""{"sid":"CA1","status":"in-progress","start_time":"2023-11-14T22:14:19Z"}""", "status")]
    [InlineData("""{"sid":"CA1","status":"completed","start_time":"Tue, 14 Nov 2023 22:14:19 +0000","duration":"5","from":"+1","to":"+2"}""", "start_time")]
    [InlineData("""{"sid":"CA1","status":"completed","start_time":"2023-11-14T22:14:19Z","duration":"","from":"+1","to":"+2"}""", "duration")]
    [InlineData("""{"sid":"CA1","status":"completed","start_time":"2023-11-14T22:14:19Z","end_time":"soon","duration":"5","from":"+1","to":"+2"}""", "end_time")]
    [InlineData("""{"sid":"CA1","status":"completed","start_time":"2023-11-14T22:14:19Z","duration":"5","from":"+1","to":"+2","price":"-x"}""", "price")]
    [InlineData("""{"sid":"CA1","status":"completed","start_time":"2023-11-14T22:14:19Z","duration":"5","from":"+1","to":"+2","price":"-0.01"}""", "price_unit")]
    public void Read_BadRecord_NamesTheField(string line, string field) =>
        Read(line).Single().Problem.ShouldNotBeNull().Field.ShouldBe(field);
}
