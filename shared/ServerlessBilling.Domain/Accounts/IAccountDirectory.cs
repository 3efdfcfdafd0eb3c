using NodaTime;
using ServerlessBilling.Paging;

namespace ServerlessBilling.Accounts;

/// <summary>Accounts and the numbers and vendor agents they hold, as the reseller configured them.</summary>
/// <remarks>
/// An account row has three writers: the reseller's profile (<see cref="SetProfileAsync"/>), collections' payment state
/// (payment method, suspension) and dunning. Each changes only its own fields of the row as stored at that moment, under
/// the row's version, and tries again when another writer got there first, so no writer undoes another's change (a CRM
/// sync of the profile never lifts a suspension).
/// </remarks>
public interface IAccountDirectory
{
    Task<Account?> FindAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The account with its current version (an opaque tag that changes with every write of the account); null when there is none.</summary>
    Task<VersionedAccount?> FindVersionedAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Creates or updates the account's profile: every field but <see cref="Account.Payment"/> and
    /// <see cref="Account.SuspendedAt"/>, which keep their stored values (collections own them).</summary>
    /// <param name="expectedVersion">When given, the write happens only if the stored account is at that version
    /// (<c>*</c>: any version, so it must exist); otherwise nothing is written and the outcome is <see cref="ProblemKind.Stale"/>.</param>
    /// <returns>The account as stored, with its new version.</returns>
    Task<Outcome<VersionedAccount>> SetProfileAsync(Account profile, string? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Removes the account if it is still at <paramref name="expectedVersion"/>: to take back the creation of an
    /// account that turned out to conflict with a concurrent change, before anything was assigned to it.</summary>
    /// <returns>True when the account was removed; false when it is gone or its version moved on (nothing is removed).</returns>
    Task<bool> RemoveAsync(string accountId, string expectedVersion, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the stored account, re-reading and re-applying it when another writer
    /// got there first; for collections' own fields (payment method, suspension), never the parent.</summary>
    /// <returns>The account as stored after the change; null when there is no such account.</returns>
    Task<Account?> UpdateAsync(string accountId, Func<Account, Account> change, CancellationToken cancellationToken);

    /// <summary>One page of all accounts, in key order; pass the returned token to read the next page (null when there is none).</summary>
    Task<AccountPage> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>One page of the accounts <paramref name="filter"/> admits, in id order.</summary>
    /// <remarks>A parent filter reads the parent's index of locations, never every account; a status filter alone reads the
    /// accounts in order and keeps those in that standing.</remarks>
    Task<ListPage<Account>> ListPageAsync(AccountListFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>One page of the account's number assignments, in number then first-day order.</summary>
    Task<ListPage<NumberAssignment>> ListNumbersPageAsync(string accountId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>One page of the account's agent assignments, in vendor, agent id then first-day order.</summary>
    Task<ListPage<AgentAssignment>> ListAgentsPageAsync(string accountId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>The account that held <paramref name="number"/> (E.164) at <paramref name="at"/>, if any.</summary>
    Task<Account?> FindHolderAsync(string number, Instant at, CancellationToken cancellationToken);

    /// <summary>The accounts whose <see cref="Account.ParentAccountId"/> is <paramref name="parentId"/>, in id order.</summary>
    Task<IReadOnlyList<Account>> ListChildrenAsync(string parentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<NumberAssignment>> ListNumbersAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Every assignment of <paramref name="number"/> (E.164), to whichever account, in any period.</summary>
    Task<IReadOnlyList<NumberAssignment>> ListAssignmentsOfAsync(string number, CancellationToken cancellationToken);

    /// <summary>Stores the whole account as given, payment state included, whatever is stored: for seeding and imports.
    /// Changes made while the product runs go through <see cref="SetProfileAsync"/> or <see cref="UpdateAsync"/>.</summary>
    Task SetAsync(Account account, CancellationToken cancellationToken);

    /// <summary>Stores the assignment unless another account holds the number on one of its days; the same number, account
    /// and first day again replaces it.</summary>
    /// <remarks>Serialized per number: of two assignments racing for overlapping days, one is stored and the other is a conflict.</remarks>
    /// <returns>The assignment; a conflict naming the holder and its dates.</returns>
    Task<Outcome<NumberAssignment>> AssignNumberAsync(NumberAssignment assignment, CancellationToken cancellationToken);

    /// <summary>The account that held <paramref name="vendor"/>'s agent <paramref name="agentId"/> at <paramref name="at"/>, if any.</summary>
    Task<Account?> FindAgentHolderAsync(string vendor, string agentId, Instant at, CancellationToken cancellationToken);

    Task<IReadOnlyList<AgentAssignment>> ListAgentsAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Every assignment of <paramref name="vendor"/>'s agent <paramref name="agentId"/>, to whichever account.</summary>
    Task<IReadOnlyList<AgentAssignment>> ListAssignmentsOfAgentAsync(string vendor, string agentId, CancellationToken cancellationToken);

    /// <summary>Stores the assignment unless another account holds the agent on one of its days; the same vendor, agent,
    /// account and first day again replaces it.</summary>
    /// <remarks>Serialized per agent: of two assignments racing for overlapping days, one is stored and the other is a conflict.</remarks>
    /// <returns>The assignment; a conflict naming the holder and its dates.</returns>
    Task<Outcome<AgentAssignment>> AssignAgentAsync(AgentAssignment assignment, CancellationToken cancellationToken);
}
