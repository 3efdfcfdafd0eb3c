using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage.Cdr;

public class GenericCdrCsvTests
{
    private const string Header = "id,start,duration,direction,from,to,answered,component,cost,currency,account";

    private static List<CdrLine> Read(string text, CsvColumnMapping? columns = null, string zone = "Europe/Berlin") =>
        GenericCdrCsv.Read(new StringReader(text), new GenericCdrOptions(DateTimeZoneProviders.Tzdb[zone], columns ?? CsvColumnMapping.Default), PhoneRegion.Default).ToList();

    [Theory]
    [InlineData("c-1,2026-03-02T09:00:00Z,125,inbound,+4930555000,+4930555100,true,AiVoice,-0.0125,eur,acct-7", "csv-c-1", CallDirection.Inbound, 125, true, UsageComponent.AiVoice)]
    [InlineData("c-2,2026-03-02 10:00:00,0,outbound,+4930555100,+4930555200,false,,,,", "csv-c-2", CallDirection.Outbound, 0, false, UsageComponent.Telephony)]
    [InlineData("c-3,2026-03-02T11:00:00+01:00,30,OUT,+4930555100,+4930555300,,telephony,,,", "csv-c-3", CallDirection.Outbound, 30, true, UsageComponent.Telephony)]
    public void Read_DefaultColumns_IsUsage(string line, string eventId, CallDirection direction, int seconds, bool answered, UsageComponent component)
    {
        var usage = Read(Header + "\n" + line).Single().Event.ShouldNotBeNull();
        (usage.EventId, usage.Direction, usage.DurationSeconds, usage.Answered, usage.Component).ShouldBe((eventId, direction, seconds, answered, component));
    }

    [Fact]
    public void Read_CostAndAccount_AreKeptAsPositiveMoneyAndExplicitAccount()
    {
        var usage = Read(Header + "\nc-1,2026-03-02T09:00:00Z,125,inbound,+4930555000,+4930555100,true,AiVoice,-0.0125,eur,acct-7").Single().Event!;
        usage.UpstreamCost.ShouldBe(new Money(0.0125m, "EUR"));
        usage.AccountId.ShouldBe("acct-7");
    }

    [Fact]
    public void Read_AgentColumn_IsTheAgentId()
    {
        var usage = Read(Header + ",agent\nc-1,2026-03-02T09:00:00Z,60,inbound,+4930555000,+4930555100,,AiVoice,,,,front-desk").Single().Event!;

        (usage.AccountId, usage.AgentId).ShouldBe((null, "front-desk"));
    }

    [Fact]
    public void Read_LocalStartTime_IsInTheFilesZone() =>
        Read(Header + "\nc-2,2026-03-02 10:00:00,0,outbound,+4930555100,+4930555200,false,,,,").Single().Event!.StartedAt
            .ShouldBe(Instant.FromUtc(2026, 3, 2, 9, 0));

    [Fact]
    public void Read_AnswerAndEndColumns_AreUtcInstantsFromLocalOrOffsetTimes()
    {
        var usage = Read("id,start,answer,end,duration,direction,from,to\nc-9,2026-03-02 10:00:00,2026-03-02 10:00:04,2026-03-02T09:01:04Z,60,inbound,+4930555000,+4930555100")
            .Single().Event!;

        (usage.AnsweredAt, usage.EndedAt).ShouldBe((Instant.FromUtc(2026, 3, 2, 9, 0, 4), Instant.FromUtc(2026, 3, 2, 9, 1, 4)));
    }

    [Theory]
    [InlineData("c-9,2026-03-02 10:00:00,noon,,60,inbound,+1,+2", "answer")]
    [InlineData("c-9,2026-03-02 10:00:00,,never,60,inbound,+1,+2", "end")]
    public void Read_BadAnswerOrEnd_NamesTheColumn(string line, string field) =>
        Read("id,start,answer,end,duration,direction,from,to\n" + line).Single().Problem.ShouldNotBeNull().Field.ShouldBe(field);

    [Fact]
    public void Read_MappedHeader_FindsRenamedColumnsAndHashesAMissingId()
    {
        CsvColumnMapping.TryParse("start=Call Start; duration=Seconds; direction=Dir; from=Caller; to=Callee", out var mapping, out _).ShouldBeTrue();
        var text = "Caller,Callee,Call Start,Seconds,Dir\n+4930555000,+4930555100,2026-03-02T09:00:00Z,61,inbound";

        var usage = Read(text, mapping).Single().Event.ShouldNotBeNull();
        usage.EventId.ShouldStartWith("csv-");
        usage.EventId.Length.ShouldBe(36);
        usage.DurationSeconds.ShouldBe(61);
    }

    [Fact]
    public void Read_HeaderWithoutStart_QuarantinesTheHeaderAndEveryLine()
    {
        var lines = Read("from,to,duration,direction\n+1,+2,5,inbound\n+1,+3,6,inbound");
        lines.Select(l => (l.LineNumber, l.Problem!.Field)).ShouldBe([(1, "header"), (2, "header"), (3, "header")]);
        lines[0].Problem!.Reason.ShouldContain("'start'");
    }

    [Theory]
    [InlineData("x,yesterday,5,inbound,+1,+2,,,,,", "start")]
    [InlineData("x,2026-03-02T09:00:00Z,5.5,inbound,+1,+2,,,,,", "duration")]
    [InlineData("x,2026-03-02T09:00:00Z,5,sideways,+1,+2,,,,,", "direction")]
    [InlineData("x,2026-03-02T09:00:00Z,5,inbound,,+2,,,,,", "from")]
    [InlineData("x,2026-03-02T09:00:00Z,5,inbound,+1,+2,maybe,,,,", "answered")]
    [InlineData("x,2026-03-02T09:00:00Z,5,inbound,+1,+2,,Fax,,,", "component")]
    [InlineData("x,2026-03-02T09:00:00Z,5,inbound,+1,+2,,,1.2.3,USD,", "cost")]
    [InlineData("x,2026-03-02T09:00:00Z,5,inbound,+1,+2,,,0.1,,", "currency")]
    [InlineData("x,\"2026-03-02T09:00:00Z,5,inbound,+1,+2,,,,,", "line")]
    public void Read_BadValue_NamesTheField(string line, string field) =>
        Read(Header + "\n" + line).Single().Problem.ShouldNotBeNull().Field.ShouldBe(field);

    [Fact]
    public void TryParse_UnknownField_IsAProblem() =>
        CsvColumnMapping.TryParse("begin=Start", out _, out _).ShouldBeFalse();
}
