using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Tests.Accounts;

namespace ServerlessBilling.Tests.Cycles;

/// <summary>Locations of a consolidating parent are closed with the parent, never on their own.</summary>
public class GroupCycleTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 5, 6, 0);

    private static Account Account(string id, string? parent = null, GroupBilling? billing = null) =>
        new(id, id, "plan", new BillingProfile("UTC", 1, "USD")) { ParentAccountId = parent, GroupBilling = billing };

    [Fact]
    public async Task CloseDueAsync_ConsolidatedChildren_AreSkippedWithTheReason_AndTheParentIsStarted()
    {
        var accounts = new InMemoryAccountDirectory(
            Account("hq", billing: GroupBilling.Consolidated), Account("hq-east", "hq"), Account("hq-west", "hq"),
            Account("solo", billing: GroupBilling.Individual), Account("solo-branch", "solo"));
        var scheduling = new CycleScheduling(accounts, new CycleStarts(accounts, new InMemoryCycleLedger()), CycleScheduleOptions.Default);

        var summary = await scheduling.CloseDueAsync(Now, new RecordingOrchestrations(), CancellationToken.None);

        summary.Started.Select(r => r.AccountId).ShouldBe(["hq", "solo", "solo-branch"]);
        summary.Skipped.ShouldBe(
        [
            new SkippedAccount("hq-east", "account 'hq-east' is billed on the consolidated invoice of its parent 'hq'"),
            new SkippedAccount("hq-west", "account 'hq-west' is billed on the consolidated invoice of its parent 'hq'"),
        ]);
        summary.Accounts.ShouldBe(5);
        summary.NothingDue.ShouldBe(0);
    }

    [Fact]
    public async Task DecideAsync_ManualStartOfAConsolidatedChild_IsInvalidWithTheReason()
    {
        var accounts = new InMemoryAccountDirectory(Account("hq", billing: GroupBilling.Consolidated), Account("hq-east", "hq"));
        var ledger = new InMemoryCycleLedger();

        var decision = await new CycleStarts(accounts, ledger).DecideAsync(new CycleRequest("hq-east", "2026-11-01"), Now, CancellationToken.None);

        decision.ShouldBe(CycleStartDecision.Invalid(
            new("accountId", "account 'hq-east' is billed on the consolidated invoice of its parent 'hq'")));
    }
}
