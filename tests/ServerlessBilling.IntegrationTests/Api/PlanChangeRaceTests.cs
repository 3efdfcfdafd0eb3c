using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Api;

/// <summary>A plan change that drops a version and an account moving onto that plan, interleaved step by step on Azurite:
/// whichever order the writes land in, no account is left billing by a version its plan no longer has.</summary>
[Collection(AzuriteCollection.Name)]
public class PlanChangeRaceTests(AzuriteFixture azurite)
{
    private static readonly PlanVersion January = new(new LocalDate(2026, 1, 1), 10m, 0m, [], new PerCallRounding());
    private static readonly PlanVersion April = January with { EffectiveFrom = new LocalDate(2026, 4, 1), PlatformFee = 12m };

    /// <summary>Only so that a writer that never reaches its gate fails the test instead of hanging it; no step waits on time.</summary>
    private static readonly TimeSpan StepGuard = TimeSpan.FromSeconds(30);

    private readonly TableAccountDirectory accounts = new(azurite.Tables, SystemClock.Instance);
    private readonly GatedPlanCatalog plans = new(new TablePlanCatalog(azurite.Tables));

    [Fact]
    public async Task AccountMovesOnWhilePlanChangeIsBetweenItsCheckAndItsWrite_PlanChangeIsTakenBackAsConflict()
    {
        var plan = await SeedPlanAsync();
        var account = new Account(CloseDriver.UniqueId("race-new"), "Race Clinic", plan.Id, new BillingProfile("UTC", 1, "USD"));
        var held = plans.HoldNextWrite();
        var change = new PlanChanges(plans, accounts).PutAsync(plan with { Versions = [January] }, null, CancellationToken.None);
        await held.Reached.WaitAsync(StepGuard); // the plan change has listed the accounts and found none on the plan

        var moved = await new AccountChanges(accounts, plans).PutAsync(account, null, CancellationToken.None);
        held.Release();
        var changed = await change;

        moved.Succeeded.ShouldBeTrue();
        changed.Problem!.Kind.ShouldBe(ProblemKind.Conflict);
        changed.Problem.Title.ShouldBe(
            $"Plan '{plan.Id}' drops or moves the version(s) from 2026-04-01 that account(s) '{account.Id}' bill by on their active days" +
            " (they moved onto it during the write, which was taken back); keep them, or move the accounts first");
        (await plans.FindAsync(plan.Id, CancellationToken.None))!.Versions.Select(v => v.EffectiveFrom).ShouldBe(new[] { January.EffectiveFrom, April.EffectiveFrom });
        (await accounts.FindAsync(account.Id, CancellationToken.None))!.PlanId.ShouldBe(plan.Id);
    }

    [Fact]
    public async Task NewAccountCheckedBeforeAPlanChangeAndWrittenAfterIt_IsRemovedAsConflict()
    {
        var plan = await SeedPlanAsync();
        var account = new Account(CloseDriver.UniqueId("race-new"), "Race Clinic", plan.Id, new BillingProfile("UTC", 1, "USD"));
        var held = plans.HoldNextVersionedRead();
        var move = new AccountChanges(accounts, plans).PutAsync(account, null, CancellationToken.None);
        await held.Reached.WaitAsync(StepGuard); // the account writer has read the plan with both versions

        var changed = await new PlanChanges(plans, accounts).PutAsync(plan with { Versions = [January] }, null, CancellationToken.None);
        held.Release();
        var moved = await move;

        changed.Succeeded.ShouldBeTrue();
        moved.Problem!.Kind.ShouldBe(ProblemKind.Conflict);
        moved.Problem.Title.ShouldBe(
            $"Plan '{plan.Id}' changed while account '{account.Id}' was written and no longer has the version(s) the account bills by; the account was not created: read the plan and try again");
        (await accounts.FindAsync(account.Id, CancellationToken.None)).ShouldBeNull();
        (await plans.FindAsync(plan.Id, CancellationToken.None))!.Versions.Select(v => v.EffectiveFrom).ShouldBe(new[] { January.EffectiveFrom });
    }

    [Fact]
    public async Task AccountMovingOnCheckedBeforeAPlanChangeAndWrittenAfterIt_IsPutBackOnItsOldPlanAsConflict()
    {
        var plan = await SeedPlanAsync();
        var home = await SeedPlanAsync();
        var before = new Account(CloseDriver.UniqueId("race-mover"), "Mover Clinic", home.Id, new BillingProfile("UTC", 1, "USD"));
        await accounts.SetProfileAsync(before, null, CancellationToken.None);
        var held = plans.HoldNextVersionedRead();
        var move = new AccountChanges(accounts, plans).PutAsync(before with { PlanId = plan.Id, Name = "Moved Clinic" }, null, CancellationToken.None);
        await held.Reached.WaitAsync(StepGuard);

        var changed = await new PlanChanges(plans, accounts).PutAsync(plan with { Versions = [January] }, null, CancellationToken.None);
        held.Release();
        var moved = await move;

        changed.Succeeded.ShouldBeTrue();
        moved.Problem!.Title.ShouldBe(
            $"Plan '{plan.Id}' changed while account '{before.Id}' was written and no longer has the version(s) the account bills by; the account was left as it was: read the plan and try again");
        var stored = (await accounts.FindAsync(before.Id, CancellationToken.None))!;
        (stored.PlanId, stored.Name).ShouldBe((home.Id, "Mover Clinic"));
    }

    [Fact]
    public async Task AccountWrittenWhileAPlanChangeKeepsItsVersions_IsStored()
    {
        var plan = await SeedPlanAsync();
        var account = new Account(CloseDriver.UniqueId("race-kept"), "Kept Clinic", plan.Id, new BillingProfile("UTC", 1, "USD"));
        var held = plans.HoldNextVersionedRead();
        var move = new AccountChanges(accounts, plans).PutAsync(account, null, CancellationToken.None);
        await held.Reached.WaitAsync(StepGuard);

        var changed = await new PlanChanges(plans, accounts).PutAsync(plan with { Name = "Renamed" }, null, CancellationToken.None);
        held.Release();
        var moved = await move;

        (changed.Succeeded, moved.Succeeded).ShouldBe((true, true));
        (await accounts.FindAsync(account.Id, CancellationToken.None))!.PlanId.ShouldBe(plan.Id);
    }

    private async Task<PricePlan> SeedPlanAsync()
    {
        var plan = new PricePlan(CloseDriver.UniqueId("race-plan"), "Race", "USD", [January, April]);
        await plans.SetAsync(plan, CancellationToken.None);
        return plan;
    }
}
