using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Accounts;

/// <summary>The reseller's changes to accounts and what they hold, refused when they name what does not exist or what another account holds.</summary>
/// <remarks>
/// The documents are checked on their own first (<see cref="AccountValidator"/>); this checks them against storage: the
/// plan an account names exists and is in force from the account's first day, its parent exists and is a parent (groups
/// are one level deep, so parents never form a cycle), and a number or agent is held by one account on any day.
/// The directory serializes assignments per number and per agent, so of two racing for overlapping days one is stored
/// and the other is a conflict naming the first.
/// </remarks>
public sealed class AccountChanges(IAccountDirectory accounts, IPlanCatalog plans)
{
    /// <summary>Stores the account's profile, keeping its payment state; <paramref name="expectedVersion"/> is the client's <c>If-Match</c>.</summary>
    /// <returns>The stored account and version; invalid naming <c>planId</c> or <c>parentAccountId</c> for a dangling reference; stale when the version moved on.</returns>
    public async Task<Outcome<VersionedAccount>> PutAsync(Account account, string? expectedVersion, CancellationToken cancellationToken)
    {
        var problems = new List<RecordProblem>();
        var plan = await plans.FindAsync(account.PlanId, cancellationToken);
        if (plan is null)
        {
            problems.Add(new RecordProblem("planId", $"plan '{account.PlanId}' does not exist"));
        }
        else if (account.ActiveFrom is { } from && plan.VersionOn(from) is null)
        {
            problems.Add(new RecordProblem("planId", $"plan '{account.PlanId}' has no version in force on {from:yyyy-MM-dd}, the account's first day"));
        }

        problems.AddRange(await AccountGroups.ValidateAsync(account, accounts, cancellationToken));
        return problems.Count > 0
            ? Problem.Invalid($"Account '{account.Id}' is not valid", problems)
            : await accounts.SetProfileAsync(account, expectedVersion, cancellationToken);
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
