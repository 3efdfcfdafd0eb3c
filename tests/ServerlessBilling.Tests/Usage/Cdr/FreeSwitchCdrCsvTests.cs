using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Tests.Usage.Cdr;

public class FreeSwitchCdrCsvTests
{
    /// <summary>The vanilla "example" template (15 columns).</summary>
    private const string Example =
        "\"Alice\",\"13125550142\",\"18885550100\",\"public\",\"2024-11-14 16:14:15\",\"2024-11-14 16:14:19\",\"2024-11-14 16:15:42\",\"87\",\"83\",\"NORMAL_CLEARING\",\"a5c9f6c0-e752-11e3-8bfb-65b6c3cdac7d\",\"b61e0a22-e752-11e3-8bfc-65b6c3cdac7d\",\"r42\",\"PCMU\",\"PCMU\"";

    /// <summary>The compiled-in default template (13 columns), with its stray space before the last field.</summary>
    private const string Default =
        "\"Alice\",\"13125550142\",\"18885550100\",\"public\",\"2024-11-14 16:14:15\",\"2024-11-14 16:14:19\",\"2024-11-14 16:15:42\",\"87\",\"83\",\"NORMAL_CLEARING\",\"a5c9f6c0-e752-11e3-8bfb-65b6c3cdac7d\",\"b61e0a22-e752-11e3-8bfc-65b6c3cdac7d\", \"r42\"";

    /// <summary>Unanswered, logged as FreeSWITCH does: NORMAL_CLEARING, empty answer_stamp, billsec 0.</summary>
    private const string Unanswered =
        "\"Bob\",\"13125550177\",\"18885550100\",\"public\",\"2024-11-14 16:20:01\",\"\",\"2024-11-14 16:20:31\",\"30\",\"0\",\"NORMAL_CLEARING\",\"c0ffee00-e752-11e3-8bfb-65b6c3cdac7d\",\"\",\"r42\",\"PCMU\",\"PCMU\"";

    /// <summary>The built-in "asterisk" template (18 columns), an outbound call from the default context.</summary>
    private const string AsteriskLike =
        "\"r42\",\"18885550100\",\"4155550123\",\"default\",\"\"\"Agent\"\" <18885550100>\",\"sofia/internal/1000@pbx\",\"sofia/external/4155550123\",\"bridge\",\"sofia/gateway/carrier/4155550123\",\"2024-11-14 16:30:00\",\"2024-11-14 16:30:05\",\"2024-11-14 16:31:05\",\"65\",\"60\",\"NORMAL_CLEARING\",\"default\",\"d7e1c2a0-e752-11e3-8bfb-65b6c3cdac7d\",\"cust=c_1001\"";

    /// <summary>An operator's own template: seven columns in an order of its choosing.</summary>
    private const string CustomTemplate = "\"${uuid}\",\"${start_stamp}\",\"${answer_stamp}\",\"${billsec}\",\"${caller_id_number}\",\"${destination_number}\",\"${context}\"";

    private const string Custom = "\"e5a1\",\"2024-11-14 16:40:00\",\"2024-11-14 16:40:02\",\"42\",\"+14155550123\",\"18885550100\",\"public\"";

    private static List<CdrLine> Read(string text, FreeSwitchTemplate? template = null, string zone = "America/Chicago") =>
        FreeSwitchCdrCsv.Read(new StringReader(text), FreeSwitchCdrOptions.Utc with { TimeZone = DateTimeZoneProviders.Tzdb[zone], Template = template }, PhoneRegion.Default).ToList();

    [Theory]
    [InlineData(Example, null, "freeswitch-a5c9f6c0-e752-11e3-8bfb-65b6c3cdac7d", CallDirection.Inbound, 83, true, "+13125550142", "+18885550100")]
    [InlineData(Default, null, "freeswitch-a5c9f6c0-e752-11e3-8bfb-65b6c3cdac7d", CallDirection.Inbound, 83, true, "+13125550142", "+18885550100")]
    [InlineData(Unanswered, null, "freeswitch-c0ffee00-e752-11e3-8bfb-65b6c3cdac7d", CallDirection.Inbound, 0, false, "+13125550177", "+18885550100")]
    [InlineData(AsteriskLike, null, "freeswitch-d7e1c2a0-e752-11e3-8bfb-65b6c3cdac7d", CallDirection.Outbound, 60, true, "+18885550100", "+14155550123")]
    [InlineData(Custom, CustomTemplate, "freeswitch-e5a1", CallDirection.Inbound, 42, true, "+14155550123", "+18885550100")]
    public void Read_TemplateLine_IsUsage(string line, string? template, string eventId, CallDirection direction, int seconds, bool answered, string from, string to)
    {
        FreeSwitchTemplate? parsed = null;
        if (template is not null)
        {
            FreeSwitchTemplate.TryParse(template, out parsed, out _).ShouldBeTrue();
        }

        var usage = Read(line, parsed).Single().Event.ShouldNotBeNull();

        (usage.EventId, usage.Direction, usage.DurationSeconds, usage.Answered, usage.From, usage.To)
            .ShouldBe((eventId, direction, seconds, answered, from, to));
    }

    [Fact]
    public void Read_ExampleLine_StartsAtTheServersLocalTime() =>
        Read(Example).Single().Event!.StartedAt.ShouldBe(Instant.FromUtc(2024, 11, 14, 22, 14, 15));

    [Fact]
    public void Read_ExampleLine_HasAnswerAndEndInstantsInUtc() =>
        Read(Example).Single().Event!.ShouldSatisfyAllConditions(
            u => u.AnsweredAt.ShouldBe(Instant.FromUtc(2024, 11, 14, 22, 14, 19)),
            u => u.EndedAt.ShouldBe(Instant.FromUtc(2024, 11, 14, 22, 15, 42)));

    [Fact]
    public void Read_Unanswered_HasNoAnswerInstant() =>
        (Read(Unanswered).Single().Event!.AnsweredAt, Read(Unanswered).Single().Event!.EndedAt).ShouldBe((null, Instant.FromUtc(2024, 11, 14, 22, 20, 31)));

    [Fact]
    public void Read_TemplateWithoutEndStamp_HasNoEndInstant()
    {
        FreeSwitchTemplate.TryParse(CustomTemplate, out var template, out _).ShouldBeTrue();
        var usage = Read(Custom, template).Single().Event!;
        (usage.AnsweredAt, usage.EndedAt).ShouldBe((Instant.FromUtc(2024, 11, 14, 22, 40, 2), null));
    }

    [Theory]
    [InlineData("\"a\",\"b\"", "line")]
    [InlineData("\"Alice\",\"1\",\"2\",\"public\",\"14/11/2024\",\"\",\"\",\"0\",\"0\",\"X\",\"u\",\"\",\"r\",\"P\",\"P\"", "start_stamp")]
    [InlineData("\"Alice\",\"1\",\"2\",\"public\",\"2024-11-14 16:14:15\",\"\",\"\",\"0\",\"8s\",\"X\",\"u\",\"\",\"r\",\"P\",\"P\"", "billsec")]
    [InlineData("\"Alice\",\"1\",\"2\",\"public\",\"2024-11-14 16:14:15\",\"soon\",\"\",\"0\",\"0\",\"X\",\"u\",\"\",\"r\",\"P\",\"P\"", "answer_stamp")]
    [InlineData("\"Alice\",\"1\",\"2\",\"public\",\"2024-11-14 16:14:15\",\"\",\"14/11\",\"0\",\"0\",\"X\",\"u\",\"\",\"r\",\"P\",\"P\"", "end_stamp")]
    [InlineData("\"Alice\",\"1\",\"2\",\"public\",\"2024-11-14 16:14:15\",\"\",\"\",\"0\",\"0\",\"X\",\"u\",\"\",\"r\",\"P\",\"P", "line")]
    public void Read_BadLine_NamesTheField(string line, string field) =>
        Read(line).Single().Problem.ShouldNotBeNull().Field.ShouldBe(field);

    [Fact]
    public void Read_NamedTemplateWithOtherColumnCount_IsAProblem() =>
        Read(Default, FreeSwitchTemplate.Example).Single().Problem!.Reason.ShouldContain("expected 15 (example template)");

    [Theory]
    [InlineData("example", 15)]
    [InlineData("DEFAULT", 13)]
    [InlineData("asterisk", 18)]
    [InlineData("caller_id_number,destination_number,start_stamp,billsec", 4)]
    public void TryParse_TemplateText_GivesItsColumns(string text, int columns)
    {
        FreeSwitchTemplate.TryParse(text, out var template, out _).ShouldBeTrue();
        template!.Variables.Count.ShouldBe(columns);
    }

    [Fact]
    public void TryParse_TemplateWithoutBillsec_IsAProblemNamingIt()
    {
        FreeSwitchTemplate.TryParse("caller_id_number,destination_number,start_stamp", out _, out var problem).ShouldBeFalse();
        problem!.Reason.ShouldContain("billsec");
    }
}
