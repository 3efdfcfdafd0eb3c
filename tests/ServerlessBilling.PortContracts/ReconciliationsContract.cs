using ServerlessBilling.Upstream;

namespace ServerlessBilling.PortContracts;

/// <summary>A run's findings are kept once per call and reason however often a page is stored again, apart from other runs'; a vendor
/// month's summary is replaced by the next one stored.</summary>
public abstract class ReconciliationsContract : PortContract<IReconciliations>
{
    private static readonly StatementRun October = new("twilio", "2026-10", StatementFormat.TwilioCalls, "20261101T000000000");
    private static readonly StatementRun November = new("twilio", "2026-11", StatementFormat.TwilioCalls, "20261201T000000000");

    [Fact]
    public async Task AddFindingsAsync_APageStoredAgain_KeepsEachCallAndReasonOnce_ApartFromOtherRuns()
    {
        ReconciliationFinding[] page =
        [
            new("CA1", FindingKind.Leakage, FindingReason.Missing, 0.0085m, 0.0085m, null, null, null, "no record"),
            new("CA2", FindingKind.Leakage, FindingReason.Conflicting, 0.017m, 0.017m, 0.017m, 0.04m, "acme", "conflict"),
            new("CA2", FindingKind.CostDifference, FindingReason.RateRow, 0.001m, 0.017m, 0.016m, 0.04m, "acme", "rate"),
        ];

        await Port.AddFindingsAsync(October, page, default);
        await Port.AddFindingsAsync(October, page, default);
        await Port.AddFindingsAsync(November, [page[0]], default);

        var stored = await ListAsync(October);
        stored.Select(f => (f.VendorCallId, f.Reason)).Order().ShouldBe([("CA1", FindingReason.Missing), ("CA2", FindingReason.Conflicting), ("CA2", FindingReason.RateRow)]);
        stored.Single(f => f.Reason == FindingReason.RateRow).ShouldBe(page[2]);
        (await ListAsync(November)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task SetSummaryAsync_ReplacesTheMonthsSummary()
    {
        var running = ReconciliationSummary.Running(November);
        var completed = ReconciliationSummary.Completed(November, "USD", StatementTotals.Empty with { Rows = 2, VendorTotal = 0.03m, BilledTotal = 0.1m }, null, 5m);

        await Port.SetSummaryAsync(running, default);
        await Port.SetSummaryAsync(completed, default);

        Samples.Json(await Port.FindSummaryAsync("twilio", "2026-11", default)).ShouldBe(Samples.Json(completed));
        (await Port.FindSummaryAsync("twilio", "2026-10", default)).ShouldBeNull();
    }

    [Fact]
    public async Task SeenAmongAsync_IdsARunRecorded_AreSeenOnceHoweverOftenRecorded_AndOnlyByThatRun()
    {
        await Port.AddSeenAsync(November, ["twilio-CA1", "twilio-CA2"], default);
        await Port.AddSeenAsync(November, ["twilio-CA2", "twilio-CA|3"], default);
        await Port.AddSeenAsync(October, ["twilio-CA4"], default);

        var seen = await Port.SeenAmongAsync(November, ["twilio-CA1", "twilio-CA|3", "twilio-CA4", "twilio-CA5"], default);

        seen.Order(StringComparer.Ordinal).ShouldBe(["twilio-CA1", "twilio-CA|3"]);
        (await Port.SeenAmongAsync(October, ["twilio-CA1", "twilio-CA4"], default)).ShouldBe(["twilio-CA4"]);
    }

    private async Task<List<ReconciliationFinding>> ListAsync(StatementRun run)
    {
        var found = new List<ReconciliationFinding>();
        await foreach (var finding in Port.ListFindingsAsync(run, default))
        {
            found.Add(finding);
        }

        return found;
    }
}
