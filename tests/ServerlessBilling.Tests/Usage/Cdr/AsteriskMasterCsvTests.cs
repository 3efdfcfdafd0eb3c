using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage.Cdr;

public class AsteriskMasterCsvTests
{
    private const string Answered =
        "\"r42\",\"13125550142\",\"18885550100\",\"from-trunk\",\"\"\"Alice\"\" <13125550142>\",\"PJSIP/trunk-00000a1f\",\"PJSIP/ai-agent-00000a20\",\"Dial\",\"PJSIP/ai-agent,30\",\"2024-11-14 16:14:15\",\"2024-11-14 16:14:19\",\"2024-11-14 16:15:42\",87,83,\"ANSWERED\",\"DOCUMENTATION\",\"1731622455.2591\",\"cust=c_1001\"";

    private const string NoAnswer =
        "\"r42\",\"13125550177\",\"18885550100\",\"from-trunk\",\"13125550177\",\"PJSIP/trunk-00000a21\",\"\",\"Dial\",\"PJSIP/ai-agent,30\",\"2024-11-14 16:20:01\",,\"2024-11-14 16:20:31\",30,0,\"NO ANSWER\",\"DOCUMENTATION\",\"1731622801.2593\",\"\"";

    private const string Outbound16Columns =
        "\"r42\",\"18885550100\",\"4155550123\",\"from-internal\",\"\",\"PJSIP/ai-agent-1\",\"PJSIP/trunk-2\",\"Dial\",\"PJSIP/trunk\",\"2024-11-14 16:30:00\",\"2024-11-14 16:30:05\",\"2024-11-14 16:31:05\",65,60,\"ANSWERED\",\"BILLING\"";

    private static List<CdrLine> Read(string text, string zone = "America/Chicago") =>
        AsteriskMasterCsv.Read(new StringReader(text), AsteriskCdrOptions.Utc with { TimeZone = DateTimeZoneProviders.Tzdb[zone] }, PhoneRegion.Default).ToList();

    [Fact]
    public void Read_AnsweredLine_IsInboundUsageInTheServersZone()
    {
        var usage = Read(Answered).Single().Event!;
        usage.EventId.ShouldBe("asterisk-1731622455.2591");
        usage.Direction.ShouldBe(CallDirection.Inbound);
        usage.To.ShouldBe("+18885550100");
        usage.From.ShouldBe("+13125550142");
        usage.DurationSeconds.ShouldBe(83);
        usage.StartedAt.ShouldBe(Instant.FromUtc(2024, 11, 14, 22, 14, 15)); // 16:14:15 CST = UTC−6
    }

    [Fact]
    public void Read_NoAnswer_IsUnansweredWithNoTime()
    {
        var usage = Read(NoAnswer).Single().Event!;
        usage.Answered.ShouldBeFalse();
        usage.DurationSeconds.ShouldBe(0);
    }

    [Fact]
    public void Read_AnsweredLine_HasAnswerAndEndInstantsInUtc()
    {
        var usage = Read(Answered).Single().Event!;

        (usage.StartedAt, usage.AnsweredAt, usage.EndedAt).ShouldBe(
            (Instant.FromUtc(2024, 11, 14, 22, 14, 15), Instant.FromUtc(2024, 11, 14, 22, 14, 19), Instant.FromUtc(2024, 11, 14, 22, 15, 42)));
    }

    [Fact]
    public void Read_NoAnswer_HasAnEndButNoAnswerInstant() =>
        Read(NoAnswer).Single().Event!.ShouldSatisfyAllConditions(
            u => u.AnsweredAt.ShouldBeNull(),
            u => u.EndedAt.ShouldBe(Instant.FromUtc(2024, 11, 14, 22, 20, 31)));

    [Theory]
    [InlineData("\"2024-11-14 16:14:19\"", "\"4pm\"", "answer")]
    [InlineData("\"2024-11-14 16:15:42\"", "\"later\"", "end")]
    public void Read_BadAnswerOrEndTime_NamesTheColumn(string good, string bad, string field) =>
        Read(Answered.Replace(good, bad, StringComparison.Ordinal)).Single().Problem.ShouldNotBeNull().Field.ShouldBe(field);

    [Fact]
    public void Read_SixteenColumnsWithoutUniqueId_HasAStableHashIdAndOutboundDirection()
    {
        var first = Read(Outbound16Columns, "UTC").Single().Event!;
        var again = Read(Outbound16Columns, "UTC").Single().Event!;
        first.EventId.ShouldStartWith("asterisk-");
        first.EventId.ShouldBe(again.EventId);
        first.Direction.ShouldBe(CallDirection.Outbound);
        first.CustomerNumber.ShouldBe("+18885550100");
        first.To.ShouldBe("+14155550123");
    }

    [Fact]
    public void Read_BadLines_AreReportedWithLineNumberAndFieldWhileTheRestIsRead()
    {
        var badTime = Answered.Replace("\"2024-11-14 16:14:15\"", "\"14/11/2024\"", StringComparison.Ordinal);
        var badBillsec = Answered.Replace(",87,83,", ",87,abc,", StringComparison.Ordinal);
        var lines = Read(string.Join('\n', Answered, "\"too\",\"short\"", badTime, "", badBillsec, NoAnswer));

        lines.Select(l => (l.LineNumber, l.Problem?.Field)).ShouldBe(
            [(1, null), (2, "line"), (3, "start"), (5, "billsec"), (6, null)]);
        lines[1].RawLine.ShouldBe("\"too\",\"short\"");
    }

    [Fact]
    public void Read_DaylightSavingGap_MovesForward()
    {
        // 02:30 on 2026-03-08 does not exist in Chicago; lenient mapping moves it to 03:30 CDT (08:30 UTC).
        var line = Outbound16Columns.Replace("2024-11-14 16:30:00", "2026-03-08 02:30:00", StringComparison.Ordinal);
        Read(line).Single().Event!.StartedAt.ShouldBe(Instant.FromUtc(2026, 3, 8, 8, 30));
    }
}
