using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Paging;

namespace ServerlessBilling.Rating;

/// <summary>The account directory with the holder lookups of attribution kept in <see cref="RatingLookupCache"/>; every write passes
/// through and then clears the cache.</summary>
/// <remarks>Only <see cref="FindHolderAsync"/> and <see cref="FindAgentHolderAsync"/> read through the cache (a number's or agent's
/// assignment rows and the accounts they name); every other read, and the API's, goes to storage as before.</remarks>
public sealed class CachingAccountDirectory(IAccountDirectory inner, RatingLookupCache cache) : IAccountDirectory
{
    public async Task<Account?> FindHolderAsync(string number, Instant at, CancellationToken cancellationToken)
    {
        var assignments = await cache.GetAsync($"number|{number}", async cancel => NullIfEmpty(await inner.ListAssignmentsOfAsync(number, cancel)), cancellationToken);
        foreach (var assignment in assignments ?? [])
        {
            if (await CachedAccountAsync(assignment.AccountId, cancellationToken) is { } account && assignment.HeldOn(at.InZone(account.Billing.Zone).Date))
            {
                return account;
            }
        }

        return null;
    }

    public async Task<Account?> FindAgentHolderAsync(string vendor, string agentId, Instant at, CancellationToken cancellationToken)
    {
        var assignments = await cache.GetAsync($"agent|{vendor}|{agentId}",
            async cancel => NullIfEmpty(await inner.ListAssignmentsOfAgentAsync(vendor, agentId, cancel)), cancellationToken);
        foreach (var assignment in assignments ?? [])
        {
            if (await CachedAccountAsync(assignment.AccountId, cancellationToken) is { } account && assignment.HeldOn(at.InZone(account.Billing.Zone).Date))
            {
                return account;
            }
        }

        return null;
    }

    public Task<Account?> FindAsync(string accountId, CancellationToken cancellationToken) => inner.FindAsync(accountId, cancellationToken);

    public Task<VersionedAccount?> FindVersionedAsync(string accountId, CancellationToken cancellationToken) => inner.FindVersionedAsync(accountId, cancellationToken);

    public async Task<Outcome<VersionedAccount>> SetProfileAsync(Account profile, string? expectedVersion, CancellationToken cancellationToken) =>
        await Written(inner.SetProfileAsync(profile, expectedVersion, cancellationToken));

    public async Task<bool> RemoveAsync(string accountId, string expectedVersion, CancellationToken cancellationToken) =>
        await Written(inner.RemoveAsync(accountId, expectedVersion, cancellationToken));

    public async Task<Account?> UpdateAsync(string accountId, Func<Account, Account> change, CancellationToken cancellationToken) =>
        await Written(inner.UpdateAsync(accountId, change, cancellationToken));

    public Task<AccountPage> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        inner.ListAsync(continuationToken, pageSize, cancellationToken);

    public Task<ListPage<Account>> ListPageAsync(AccountListFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        inner.ListPageAsync(filter, page, cancellationToken);

    public Task<ListPage<NumberAssignment>> ListNumbersPageAsync(string accountId, PageRequest page, CancellationToken cancellationToken) =>
        inner.ListNumbersPageAsync(accountId, page, cancellationToken);

    public Task<ListPage<AgentAssignment>> ListAgentsPageAsync(string accountId, PageRequest page, CancellationToken cancellationToken) =>
        inner.ListAgentsPageAsync(accountId, page, cancellationToken);

    public Task<IReadOnlyList<Account>> ListChildrenAsync(string parentId, CancellationToken cancellationToken) => inner.ListChildrenAsync(parentId, cancellationToken);

    public Task<IReadOnlyList<NumberAssignment>> ListNumbersAsync(string accountId, CancellationToken cancellationToken) => inner.ListNumbersAsync(accountId, cancellationToken);

    public Task<IReadOnlyList<NumberAssignment>> ListAssignmentsOfAsync(string number, CancellationToken cancellationToken) =>
        inner.ListAssignmentsOfAsync(number, cancellationToken);

    public async Task SetAsync(Account account, CancellationToken cancellationToken) => await Written(inner.SetAsync(account, cancellationToken));

    public async Task<Outcome<NumberAssignment>> AssignNumberAsync(NumberAssignment assignment, CancellationToken cancellationToken) =>
        await Written(inner.AssignNumberAsync(assignment, cancellationToken));

    public Task<IReadOnlyList<AgentAssignment>> ListAgentsAsync(string accountId, CancellationToken cancellationToken) => inner.ListAgentsAsync(accountId, cancellationToken);

    public Task<IReadOnlyList<AgentAssignment>> ListAssignmentsOfAgentAsync(string vendor, string agentId, CancellationToken cancellationToken) =>
        inner.ListAssignmentsOfAgentAsync(vendor, agentId, cancellationToken);

    public async Task<Outcome<AgentAssignment>> AssignAgentAsync(AgentAssignment assignment, CancellationToken cancellationToken) =>
        await Written(inner.AssignAgentAsync(assignment, cancellationToken));

    private Task<Account?> CachedAccountAsync(string accountId, CancellationToken cancellationToken) =>
        cache.GetAsync($"account|{accountId}", cancel => inner.FindAsync(accountId, cancel), cancellationToken);

    private static IReadOnlyList<T>? NullIfEmpty<T>(IReadOnlyList<T> list) => list.Count == 0 ? null : list;

    /// <summary>Clears the cache after the write, and also when it failed part-way: part of it may be stored.</summary>
    private async Task<T> Written<T>(Task<T> write)
    {
        try
        {
            return await write;
        }
        finally
        {
            cache.Invalidate();
        }
    }

    private async Task Written(Task write)
    {
        try
        {
            await write;
        }
        finally
        {
            cache.Invalidate();
        }
    }
}
