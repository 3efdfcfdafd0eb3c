using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Accounts;

/// <summary>Accounts and assignments are refused when they name a plan or parent that does not exist, or a number or agent another account holds.</summary>
public class AccountChangesTests
{
    private readonly InMemoryAccountDirectory directory = new();
    private readonly AccountChanges changes;

    public AccountChangesTests() => changes = new AccountChanges(directory, new Catalog(TestPlans.Standard));

    [Fact]
    public async Task PutAsync_PlanThatDoesNotExist_IsInvalidNamingPlanId()
    {
        var refused = await changes.PutAsync(TestPlans.Acme with { PlanId = "missing" }, null, default);

        refused.Problem!.Fields.ShouldBe([new RecordProblem("planId", "plan 'missing' does not exist")]);
        (await directory.FindAsync("acme", default)).ShouldBeNull();
    }

    [Fact]
    public async Task PutAsync_PlanNotYetInForceOnTheFirstDay_IsInvalidNamingPlanId()
    {
        var refused = await changes.PutAsync(TestPlans.Acme with { ActiveFrom = new LocalDate(2025, 12, 15) }, null, default);

        refused.Problem!.Fields.ShouldBe([new RecordProblem("planId", "plan 'standard' has no version in force on 2025-12-15, the account's first day")]);
    }

    [Fact]
    public async Task PutAsync_ParentThatDoesNotExist_IsInvalidNamingParentAccountId()
    {
        var refused = await changes.PutAsync(TestPlans.Acme with { ParentAccountId = "nobody" }, null, default);

        refused.Problem!.Fields.ShouldBe([new RecordProblem("parentAccountId", "account 'nobody' does not exist")]);
    }

    [Fact]
    public async Task PutAsync_TwoAccountsNamingEachOtherAsParent_SecondIsRefused()
    {
        await changes.PutAsync(TestPlans.Acme with { Id = "a" }, null, default);
        (await changes.PutAsync(TestPlans.Acme with { Id = "b", ParentAccountId = "a" }, null, default)).Succeeded.ShouldBeTrue();

        var cycle = await changes.PutAsync(TestPlans.Acme with { Id = "a", ParentAccountId = "b" }, null, default);

        cycle.Problem!.Fields.Select(f => f.Reason).ShouldBe(
            ["account 'b' is itself a location of 'a'; groups are one level deep", "account 'a' has locations of its own; groups are one level deep"]);
    }

    [Fact]
    public async Task PutAsync_KeepsTheSuspensionCollectionsSet()
    {
        await changes.PutAsync(TestPlans.Acme, null, default);
        await directory.UpdateAsync("acme", a => a with { SuspendedAt = Instant.FromUtc(2026, 3, 1, 0, 0) }, default);

        var synced = await changes.PutAsync(TestPlans.Acme with { Name = "Acme (CRM)" }, null, default);

        (synced.Value.Account.Name, synced.Value.Account.SuspendedAt).ShouldBe(("Acme (CRM)", Instant.FromUtc(2026, 3, 1, 0, 0)));
    }

    [Theory]
    [InlineData("2026-01-01", null, "2026-03-01", null, true)]
    [InlineData("2026-01-01", "2026-03-01", "2026-02-28", null, true)]
    [InlineData("2026-01-01", "2026-03-01", "2026-03-01", null, false)]
    [InlineData("2026-03-01", null, "2026-01-01", "2026-03-01", false)]
    [InlineData("2026-03-01", null, "2026-01-01", "2026-03-02", true)]
    public async Task AssignNumberAsync_HeldByAnotherAccount_ConflictOnlyWhenTheDaysOverlap(string heldFrom, string? heldUntil, string from, string? until, bool conflict)
    {
        await directory.SetAsync(TestPlans.Acme, default);
        await directory.SetAsync(TestPlans.Acme with { Id = "zeta" }, default);
        await changes.AssignNumberAsync(new NumberAssignment("+14155550100", "zeta", NumberType.Local, Date(heldFrom), DateOrNull(heldUntil)), default);

        var assigned = await changes.AssignNumberAsync(new NumberAssignment("+14155550100", "acme", NumberType.Local, Date(from), DateOrNull(until)), default);

        assigned.Succeeded.ShouldBe(!conflict);
        if (conflict)
        {
            assigned.Problem!.Kind.ShouldBe(ProblemKind.Conflict);
            assigned.Problem.Title.ShouldStartWith($"Number +14155550100 is held by account 'zeta' from {heldFrom}");
        }

        (await directory.ListNumbersAsync("acme", default)).Count.ShouldBe(conflict ? 0 : 1);
    }

    [Fact]
    public async Task AssignNumberAsync_SameAccountAgain_ReplacesItsAssignment()
    {
        await directory.SetAsync(TestPlans.Acme, default);
        var first = new NumberAssignment("+14155550100", "acme", NumberType.Local, new LocalDate(2026, 1, 1));
        await changes.AssignNumberAsync(first, default);

        var ended = await changes.AssignNumberAsync(first with { Until = new LocalDate(2026, 6, 1) }, default);

        ended.Succeeded.ShouldBeTrue();
        (await directory.ListNumbersAsync("acme", default)).ShouldBe([first with { Until = new LocalDate(2026, 6, 1) }]);
    }

    [Fact]
    public async Task AssignAgentAsync_HeldByAnotherAccount_IsAConflict()
    {
        await directory.SetAsync(TestPlans.Acme, default);
        await directory.SetAsync(TestPlans.Acme with { Id = "zeta" }, default);
        await changes.AssignAgentAsync(new AgentAssignment("retell", "agent_1", "zeta", new LocalDate(2026, 1, 1)), default);

        var refused = await changes.AssignAgentAsync(new AgentAssignment("retell", "agent_1", "acme", new LocalDate(2026, 2, 1)), default);

        refused.Problem!.Title.ShouldBe("Agent retell/agent_1 is held by account 'zeta' from 2026-01-01; it cannot also be assigned to 'acme' from 2026-02-01");
    }

    [Fact]
    public async Task AssignNumberAsync_UnknownAccount_IsNotFound() =>
        (await changes.AssignNumberAsync(new NumberAssignment("+14155550100", "nobody", NumberType.Local, new LocalDate(2026, 1, 1)), default))
            .Problem!.Kind.ShouldBe(ProblemKind.NotFound);

    private static LocalDate Date(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).Value;

    private static LocalDate? DateOrNull(string? text) => text is null ? null : Date(text);

    private sealed class Catalog(PricePlan plan) : IPlanCatalog
    {
        public Task<PricePlan?> FindAsync(string planId, CancellationToken cancellationToken) => Task.FromResult(planId == plan.Id ? plan : null);

        public Task SetAsync(PricePlan plan, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<VersionedPlan?> FindVersionedAsync(string planId, CancellationToken cancellationToken) =>
            Task.FromResult(planId == plan.Id ? new VersionedPlan(plan, "v1") : null);

        public Task<Outcome<VersionedPlan>> SetAsync(PricePlan plan, string? expectedVersion, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ListPage<PricePlan>> ListAsync(PageRequest page, CancellationToken cancellationToken) => InMemoryPages.OfAsync([plan], p => p.Id, page);
    }
}
