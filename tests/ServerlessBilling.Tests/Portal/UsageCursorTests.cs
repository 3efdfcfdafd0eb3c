using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Tests.Portal;

public class UsageCursorTests
{
    private static readonly BillingPeriod October = BillingPeriod.Containing(new LocalDate(2026, 10, 5), 1);

    [Fact]
    public void Pages_WalkedCursorToCursor_ListEveryCallOnceInOrder_CallsThatStartedTogetherIncluded()
    {
        var first = Samples.Rated("a", October, "e1");
        var calls = new[] { "e1", "e2", "e3", "e4", "e5" }
            .Select((id, i) => first with { Event = first.Event with { EventId = id, StartedAt = first.Event.StartedAt + Duration.FromMinutes(i / 2) } })
            .ToList();
        var ordered = UsageCursor.Order(calls).ToList();
        var seen = new List<string>();
        UsageCursor? cursor = null;

        do
        {
            var page = ordered.Where(u => cursor is not { } c || c.Precedes(u)).Take(2).ToList();
            seen.AddRange(page.Select(u => u.Event.EventId));
            cursor = UsageCursor.Decode(UsageCursor.After(page[^1]).Encode());
        }
        while (seen.Count < calls.Count);

        seen.ShouldBe(["e5", "e4", "e3", "e2", "e1"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("MTIz")]
    public void Decode_AnythingEncodeDidNotWrite_IsNull(string? text) => UsageCursor.Decode(text).ShouldBeNull();

    [Fact]
    public void Decode_OfEncode_IsTheCursor()
    {
        var cursor = new UsageCursor(Instant.FromUtc(2026, 10, 5, 12, 0, 1), "twilio-CA|01/+x");

        UsageCursor.Decode(cursor.Encode()).ShouldBe(cursor);
    }

    [Fact]
    public void UsageFilter_Agent_AdmitsOnlyThatAgentsCalls()
    {
        var call = Samples.Rated("a", October, "e1");
        var byAgent = call with { Event = call.Event with { AgentId = "agent_front_desk" } };
        var filter = UsageFilter.None with { Agent = "agent_front_desk" };

        (filter.Matches(byAgent, DateTimeZone.Utc), filter.Matches(call, DateTimeZone.Utc), UsageFilter.None.Matches(call, DateTimeZone.Utc)).ShouldBe((true, false, true));
    }
}
