using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Accounts;

/// <summary>The reseller's changes to accounts and what they hold, refused when they name what does not exist or what another account holds.</summary>
/// <remarks>
/// The documents are checked on their own first (<see cref="AccountValidator"/>); this checks them against storage: the
/// plan an account names exists and is in force from the account's first day, its parent exists and is a parent (groups
/// are one level deep, so parents never form a cycle), and a number or agent is held by one account on any day.
/// The directory serializes assignments per number and per agent, so of two racing for overlapping days one is stored
/// and the other is a conflict naming the first. An account written while its plan changes is checked again against the plan
/// as stored after the write, by the same rule <see cref="PlanChanges"/> applies, and taken back with a conflict if it fails.
/// </remarks>
public sealed class AccountChanges(IAccountDirectory accounts, IPlanCatalog plans)
{
    /// <summary>Stores the account's profile, keeping its payment state; <paramref name="expectedVersion"/> is the client's <c>If-Match</c>.</summary>
    /// <returns>The stored account and version with the fields the write changed; invalid naming <c>planId</c> or <c>parentAccountId</c> for a dangling reference; stale when the version moved on;
    /// a conflict when the plan changed during the write so that it no longer prices the account as checked (the write is taken back).</returns>
    public async Task<Outcome<AccountSave>> PutAsync(Account account, string? expectedVersion, CancellationToken cancellationToken)
    {
        var checkedPlan = await plans.FindVersionedAsync(account.PlanId, cancellationToken);
        var problems = PlanProblems(account, checkedPlan?.Plan);
        problems.AddRange(await AccountGroups.ValidateAsync(account, accounts, cancellationToken));
        if (problems.Count > 0)
        {
            return Problem.Invalid($"Account '{account.Id}' is not valid", problems);
        }

        var before = await accounts.FindVersionedAsync(account.Id, cancellationToken);
        var written = await accounts.SetProfileAsync(account, expectedVersion, cancellationToken);
        if (!written.TryGetValue(out var stored))
        {
            return written.Problem!;
        }

        // A plan change lists the accounts before it writes, so it cannot see this one if it lands between that listing and
        // its write; read the plan again: when it moved on, the account must stand against the plan as it is now.
        var currentPlan = await plans.FindVersionedAsync(account.PlanId, cancellationToken);
        if (currentPlan?.Version == checkedPlan!.Version
            || (currentPlan is not null && PlanProblems(account, currentPlan.Plan).Count == 0 && !PlanChanges.Relies(account, checkedPlan.Plan, currentPlan.Plan)))
        {
            return new AccountSave(stored.Account, stored.Version, before is null, AccountProfileFields.Changed(before?.Account, stored.Account));
        }

        var takenBack = before is null
            ? await accounts.RemoveAsync(account.Id, stored.Version, cancellationToken)
            : (await accounts.SetProfileAsync(before.Account, stored.Version, cancellationToken)).Succeeded;
        var state = takenBack ? (before is null ? "was not created" : "was left as it was") : "was written since by another change";
        return Problem.Conflict(
            $"Plan '{account.PlanId}' changed while account '{account.Id}' was written and no longer has the version(s) the account bills by; the account {state}: read the plan and try again");
    }

    private static List<RecordProblem> PlanProblems(Account account, PricePlan? plan)
    {
        if (plan is null)
        {
            return [new RecordProblem("planId", $"plan '{account.PlanId}' does not exist")];
        }

        return account.ActiveFrom is { } from && plan.VersionOn(from) is null
            ? [new RecordProblem("planId", $"plan '{account.PlanId}' has no version in force on {from:yyyy-MM-dd}, the account's first day")]
            : [];
    }

    /// <summary>Assigns the number to its account, unless another account holds it on a day of the assignment.</summary>
    /// <returns>The assignment; not found without the account; a conflict naming the holder and its dates.</returns>
    public async Task<Outcome<NumberAssignment>> AssignNumberAsync(NumberAssignment assignment, CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(assignment.AccountId, cancellationToken) is null)
        {
            return Problem.NotFound($"Account '{assignment.AccountId}'");
        }

        return await accounts.AssignNumberAsync(assignment, cancellationToken);
    }

    /// <summary>Assigns the vendor's agent to its account, unless another account holds it on a day of the assignment.</summary>
    public async Task<Outcome<AgentAssignment>> AssignAgentAsync(AgentAssignment assignment, CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(assignment.AccountId, cancellationToken) is null)
        {
            return Problem.NotFound($"Account '{assignment.AccountId}'");
        }

        return await accounts.AssignAgentAsync(assignment, cancellationToken);
    }
}
