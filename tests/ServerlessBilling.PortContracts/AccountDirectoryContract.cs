using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Payments;

namespace ServerlessBilling.PortContracts;

/// <summary>The account directory keeps each writer's fields: the reseller's profile, collections' payment method and
/// suspension; a profile write against a version that moved on changes nothing.</summary>
public abstract class AccountDirectoryContract : PortContract<IAccountDirectory>
{
    private static readonly Account Acme = new("acme", "Acme Dental", "voice", new BillingProfile("UTC", 1, "USD"));
    private static readonly PaymentProfile Card = new("stripe", "cus_1", new PaymentMethodOnFile("pm_1", PaymentMethodKind.Card, "visa 4242"));
    private static readonly Instant Suspended = Samples.Noon;

    [Fact]
    public async Task SetProfileAsync_KeepsTheStoredPaymentAndSuspension()
    {
        await Port.SetProfileAsync(Acme, null, default);
        await Port.UpdateAsync("acme", a => a with { Payment = Card, SuspendedAt = Suspended }, default);

        var stored = await Port.SetProfileAsync(Acme with { Name = "Acme Dental Group", Payment = null, SuspendedAt = null }, null, default);

        Samples.Json(stored.Value.Account).ShouldBe(Samples.Json(Acme with { Name = "Acme Dental Group", Payment = Card, SuspendedAt = Suspended }));
        Samples.Json(await Port.FindAsync("acme", default)).ShouldBe(Samples.Json(stored.Value.Account));
    }

    [Fact]
    public async Task SetProfileAsync_AtTheStoredVersion_WritesAndMovesTheVersion()
    {
        var created = await Port.SetProfileAsync(Acme, null, default);

        var updated = await Port.SetProfileAsync(Acme with { Name = "Renamed" }, created.Value.Version, default);

        updated.Succeeded.ShouldBeTrue();
        updated.Value.Version.ShouldNotBe(created.Value.Version);
        (await Port.FindVersionedAsync("acme", default)).ShouldBe(updated.Value);
    }

    [Fact]
    public async Task SetProfileAsync_AtAVersionThatMovedOn_IsStaleAndWritesNothing()
    {
        var read = await Port.SetProfileAsync(Acme, null, default);
        await Port.UpdateAsync("acme", a => a with { SuspendedAt = Suspended }, default);

        var stale = await Port.SetProfileAsync(Acme with { Name = "Stale write" }, read.Value.Version, default);

        stale.Problem!.Kind.ShouldBe(ProblemKind.Stale);
        var stored = await Port.FindAsync("acme", default);
        (stored!.Name, stored.SuspendedAt).ShouldBe(("Acme Dental", Suspended));
    }

    [Fact]
    public async Task RemoveAsync_AtTheStoredVersion_RemovesTheAccountAndItsChildIndex()
    {
        await Port.SetProfileAsync(Acme, null, default);
        var child = await Port.SetProfileAsync(Acme with { Id = "acme-west", ParentAccountId = "acme" }, null, default);

        var removed = await Port.RemoveAsync("acme-west", child.Value.Version, default);

        removed.ShouldBeTrue();
        (await Port.FindAsync("acme-west", default)).ShouldBeNull();
        (await Port.ListChildrenAsync("acme", default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RemoveAsync_AtAVersionThatMovedOnOrOfAMissingAccount_RemovesNothing()
    {
        var read = await Port.SetProfileAsync(Acme, null, default);
        await Port.UpdateAsync("acme", a => a with { SuspendedAt = Suspended }, default);

        var stale = await Port.RemoveAsync("acme", read.Value.Version, default);
        var missing = await Port.RemoveAsync("nobody", read.Value.Version, default);

        (stale, missing).ShouldBe((false, false));
        (await Port.FindAsync("acme", default))!.SuspendedAt.ShouldBe(Suspended);
    }

    [Fact]
    public async Task SetProfileAsync_ExpectingAnyVersionOfAMissingAccount_IsStale()
    {
        var refused = await Port.SetProfileAsync(Acme, "*", default);

        refused.Problem!.Kind.ShouldBe(ProblemKind.Stale);
        (await Port.FindAsync("acme", default)).ShouldBeNull();
    }

    [Fact]
    public async Task UpdateAsync_WritersOfEachConcernAtOnce_NoneUndoesAnother()
    {
        await Port.SetProfileAsync(Acme, null, default);

        // A CRM sync of the profile, the payment-method route and a dunning step, each several times, all at once.
        await AllAtOnceAsync(12, i => (i % 3) switch
        {
            0 => Port.SetProfileAsync(Acme with { Name = "Acme Dental Group", Payment = null, SuspendedAt = null }, null, default).ContinueWith(_ => 0),
            1 => Port.UpdateAsync("acme", a => a with { Payment = Card }, default).ContinueWith(_ => 0),
            _ => Port.UpdateAsync("acme", a => a with { SuspendedAt = Suspended }, default).ContinueWith(_ => 0),
        });

        var stored = await Port.FindAsync("acme", default);
        Samples.Json(stored).ShouldBe(Samples.Json(Acme with { Name = "Acme Dental Group", Payment = Card, SuspendedAt = Suspended }));
    }

    [Fact]
    public async Task UpdateAsync_UnknownAccount_IsNullAndStoresNothing()
    {
        (await Port.UpdateAsync("nobody", a => a with { SuspendedAt = Suspended }, default)).ShouldBeNull();

        (await Port.FindAsync("nobody", default)).ShouldBeNull();
    }

    [Fact]
    public async Task ListAssignmentsOfAsync_EveryHolderOfTheNumber()
    {
        await Port.SetProfileAsync(Acme, null, default);
        await Port.SetProfileAsync(Acme with { Id = "zeta" }, null, default);
        var first = new NumberAssignment("+14155550100", "acme", NumberType.Local, new LocalDate(2026, 1, 1), new LocalDate(2026, 3, 1));
        var second = new NumberAssignment("+14155550100", "zeta", NumberType.Local, new LocalDate(2026, 3, 1));
        await Port.AssignNumberAsync(first, default);
        await Port.AssignNumberAsync(second, default);
        await Port.AssignNumberAsync(new NumberAssignment("+14155550199", "zeta", NumberType.Local, new LocalDate(2026, 1, 1)), default);

        (await Port.ListAssignmentsOfAsync("+14155550100", default)).OrderBy(a => a.From).ShouldBe([first, second]);
    }

    [Fact]
    public async Task ListAssignmentsOfAgentAsync_EveryHolderOfTheAgent()
    {
        await Port.SetProfileAsync(Acme, null, default);
        var held = new AgentAssignment("retell", "agent_1", "acme", new LocalDate(2026, 1, 1));
        await Port.AssignAgentAsync(held, default);
        await Port.AssignAgentAsync(held with { AgentId = "agent_2" }, default);

        (await Port.ListAssignmentsOfAgentAsync("retell", "agent_1", default)).ShouldBe([held]);
    }

    [Fact]
    public async Task AssignNumberAsync_OverlappingAnotherAccount_IsAConflictNamingTheHolderAndStoresNothing()
    {
        var held = new NumberAssignment("+14155550100", "acme", NumberType.Local, new LocalDate(2026, 1, 1), new LocalDate(2026, 4, 1));
        await Port.AssignNumberAsync(held, default);

        var refused = await Port.AssignNumberAsync(new NumberAssignment("+14155550100", "zeta", NumberType.Local, new LocalDate(2026, 3, 1)), default);
        var after = await Port.AssignNumberAsync(new NumberAssignment("+14155550100", "zeta", NumberType.Local, new LocalDate(2026, 4, 1)), default);

        (refused.Problem!.Kind, refused.Problem.Title).ShouldBe((ProblemKind.Conflict,
            "Number +14155550100 is held by account 'acme' from 2026-01-01 until 2026-04-01; it cannot also be assigned to 'zeta' from 2026-03-01"));
        after.Succeeded.ShouldBeTrue();
        (await Port.ListAssignmentsOfAsync("+14155550100", default)).OrderBy(a => a.From).ShouldBe([held, after.Value]);
    }

    [Fact]
    public async Task AssignNumberAsync_SameAccountAndFirstDayAgain_ReplacesItsHolding()
    {
        var open = new NumberAssignment("+14155550100", "acme", NumberType.Local, new LocalDate(2026, 1, 1));
        await Port.AssignNumberAsync(open, default);

        var ended = await Port.AssignNumberAsync(open with { Until = new LocalDate(2026, 3, 1) }, default);
        var next = await Port.AssignNumberAsync(new NumberAssignment("+14155550100", "zeta", NumberType.Local, new LocalDate(2026, 3, 1)), default);

        (ended.Succeeded, next.Succeeded).ShouldBe((true, true));
        (await Port.ListAssignmentsOfAsync("+14155550100", default)).OrderBy(a => a.From).ShouldBe([ended.Value, next.Value]);
    }

    [Fact]
    public async Task AssignNumberAsync_EightAccountsAtOnceForOverlappingDays_ExactlyOneHoldsIt()
    {
        var tries = await AllAtOnceAsync(8, i =>
            Port.AssignNumberAsync(new NumberAssignment("+14155550100", $"account-{i}", NumberType.Local, new LocalDate(2026, 1, 1 + i)), default));

        var stored = (await Port.ListAssignmentsOfAsync("+14155550100", default)).ShouldHaveSingleItem();
        tries.Count(t => t.Succeeded).ShouldBe(1);
        tries.Single(t => t.Succeeded).Value.ShouldBe(stored);
        tries.Where(t => !t.Succeeded).ShouldAllBe(t => t.Problem!.Kind == ProblemKind.Conflict
            && t.Problem.Title.StartsWith($"Number +14155550100 is held by account '{stored.AccountId}' ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AssignAgentAsync_OverlappingAnotherAccount_IsAConflictNamingTheHolder()
    {
        var held = new AgentAssignment("retell", "agent_1", "acme", new LocalDate(2026, 1, 1));
        await Port.AssignAgentAsync(held, default);

        var refused = await Port.AssignAgentAsync(new AgentAssignment("retell", "agent_1", "zeta", new LocalDate(2026, 2, 1)), default);
        var otherVendor = await Port.AssignAgentAsync(new AgentAssignment("vapi", "agent_1", "zeta", new LocalDate(2026, 2, 1)), default);

        (refused.Problem!.Kind, refused.Problem.Title).ShouldBe((ProblemKind.Conflict,
            "Agent retell/agent_1 is held by account 'acme' from 2026-01-01; it cannot also be assigned to 'zeta' from 2026-02-01"));
        otherVendor.Succeeded.ShouldBeTrue();
        (await Port.ListAssignmentsOfAgentAsync("retell", "agent_1", default)).ShouldBe([held]);
    }

    [Fact]
    public async Task AssignAgentAsync_EightAccountsAtOnceForOverlappingDays_ExactlyOneHoldsIt()
    {
        var tries = await AllAtOnceAsync(8, i =>
            Port.AssignAgentAsync(new AgentAssignment("retell", "agent_1", $"account-{i}", new LocalDate(2026, 1, 1 + i)), default));

        var stored = (await Port.ListAssignmentsOfAgentAsync("retell", "agent_1", default)).ShouldHaveSingleItem();
        tries.Count(t => t.Succeeded).ShouldBe(1);
        tries.Single(t => t.Succeeded).Value.ShouldBe(stored);
        tries.Where(t => !t.Succeeded).ShouldAllBe(t => t.Problem!.Kind == ProblemKind.Conflict
            && t.Problem.Title.StartsWith($"Agent retell/agent_1 is held by account '{stored.AccountId}' ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FindHolderAsync_AfterTheNumberMoved_FindsEachDaysHolder()
    {
        await Port.SetAsync(Acme, default);
        await Port.SetAsync(Acme with { Id = "zeta", Name = "Zeta Labs" }, default);
        await Port.AssignNumberAsync(new NumberAssignment("+13125550142", "acme", NumberType.Local, new LocalDate(2026, 1, 1)), default);
        var march = Instant.FromUtc(2026, 3, 15, 12, 0);
        (await Port.FindHolderAsync("+13125550142", march, default))!.Id.ShouldBe("acme");

        // Acme gives the number up at the end of February and Zeta holds it from March 1.
        await Port.AssignNumberAsync(new NumberAssignment("+13125550142", "acme", NumberType.Local, new LocalDate(2026, 1, 1), new LocalDate(2026, 3, 1)), default);
        await Port.AssignNumberAsync(new NumberAssignment("+13125550142", "zeta", NumberType.Local, new LocalDate(2026, 3, 1)), default);

        (await Port.FindHolderAsync("+13125550142", march, default))!.Id.ShouldBe("zeta");
        (await Port.FindHolderAsync("+13125550142", Instant.FromUtc(2026, 2, 10, 12, 0), default))!.Id.ShouldBe("acme");
    }

    [Fact]
    public async Task FindHolderAsync_NumberAssignedAfterALookupFoundNone_FindsTheNewHolder()
    {
        await Port.SetAsync(Acme, default);
        (await Port.FindHolderAsync("+13125550142", Samples.Noon, default)).ShouldBeNull();

        await Port.AssignNumberAsync(new NumberAssignment("+13125550142", "acme", NumberType.Local, new LocalDate(2020, 1, 1)), default);

        (await Port.FindHolderAsync("+13125550142", Samples.Noon, default))!.Id.ShouldBe("acme");
    }

    [Fact]
    public async Task FindAgentHolderAsync_AfterTheHoldersZoneChanged_JudgesTheDayInTheNewZone()
    {
        // 02:00 UTC on March 1 is still February 28 in Chicago: the agent, held from March 1, is not yet Acme's there.
        await Port.SetAsync(Acme, default);
        await Port.AssignAgentAsync(new AgentAssignment("retell", "agent_1", "acme", new LocalDate(2026, 3, 1)), default);
        var at = Instant.FromUtc(2026, 3, 1, 2, 0);
        (await Port.FindAgentHolderAsync("retell", "agent_1", at, default))!.Id.ShouldBe("acme");

        await Port.SetAsync(Acme with { Billing = new BillingProfile("America/Chicago", 1, "USD") }, default);

        (await Port.FindAgentHolderAsync("retell", "agent_1", at, default)).ShouldBeNull();
    }
}
