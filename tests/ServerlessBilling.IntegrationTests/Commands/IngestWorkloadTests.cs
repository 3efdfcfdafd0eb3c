using System.Text.Json;
using NodaTime;
using ServerlessBilling.LocalHost.Bench;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>The benches' generated calls stay valid across a million-line file: every call is 1 to 600 seconds long, so a bench
/// measures rating, not the quarantine of lines its own arithmetic broke.</summary>
public sealed class IngestWorkloadTests
{
    [Theory]
    [InlineData(0, 2_000)]
    [InlineData(270_000, 2_000)]
    [InlineData(541_000, 2_000)]
    [InlineData(812_000, 2_000)]
    [InlineData(998_000, 2_000)]
    public void EventBody_EveryCallLastsOneToSixHundredSeconds(int first, int count)
    {
        var workload = new IngestWorkload(100, "wl");
        var now = Instant.FromUtc(2026, 12, 5, 12, 0);

        var seconds = Enumerable.Range(first, count).Select(k => DurationOf(workload.EventBody(k, now))).ToList();

        seconds.ShouldAllBe(s => s >= 1 && s <= 600);
        seconds.Distinct().Count().ShouldBeGreaterThan(500, "lengths spread over the range, not one value");
    }

    [Fact]
    public void EventBody_PastTheThirtyTwoBitProduct_KeepsTheSameSpread()
    {
        var workload = new IngestWorkload(100, "wl");
        var now = Instant.FromUtc(2026, 12, 5, 12, 0);

        // 271,184 × 7,919 is past int.MaxValue: the length is (k × 7,919 mod 600) + 1 computed exactly.
        DurationOf(workload.EventBody(271_184, now)).ShouldBe((int)(271_184L * 7_919 % 600) + 1);
        DurationOf(workload.EventBody(999_999, now)).ShouldBe((int)(999_999L * 7_919 % 600) + 1);
    }

    private static int DurationOf(byte[] body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("events")[0].GetProperty("durationSeconds").GetInt32();
}
