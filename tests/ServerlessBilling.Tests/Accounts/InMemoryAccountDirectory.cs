using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Paging;

namespace ServerlessBilling.Tests.Accounts;

/// <summary>Accounts, numbers and agents in lists, with the same effective-dating as the table directory; accounts are listed in id order a page at a time (the token is the next index).</summary>
/// <remarks>Every write takes a lock and bumps a counter; an account's version is the counter at its last write. Assignments
/// of numbers and agents are checked and stored under one lock each, as the table's claim rows serialize them.</remarks>
public sealed class InMemoryAccountDirectory : IAccountDirectory
{
    private readonly Dictionary<string, Account> accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> versions = new(StringComparer.Ordinal);
    private long writes;
    private readonly List<NumberAssignment> numbers = [];
    private readonly List<AgentAssignment> agents = [];

    public InMemoryAccountDirectory(params Account[] seed)
    {
        foreach (var account in seed)
        {
            Write(account);
        }
    }

    public Task<AccountPage> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var all = accounts.Values.OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var from = continuationToken is null ? 0 : int.Parse(continuationToken, null);
        var next = from + pageSize < all.Count ? (from + pageSize).ToString(null, null) : null;
        return Task.FromResult(new AccountPage([.. all.Skip(from).Take(pageSize)], next));
    }

    public Task<ListPage<Account>> ListPageAsync(AccountListFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        lock (accounts)
        {
            return InMemoryPages.OfAsync([.. accounts.Values.Where(filter.Matches)], a => a.Id, page);
        }
    }

    public Task<ListPage<NumberAssignment>> ListNumbersPageAsync(string accountId, PageRequest page, CancellationToken cancellationToken) =>
        InMemoryPages.OfAsync(numbers.Where(n => n.AccountId == accountId), n => $"{n.Number}|{n.From:yyyy-MM-dd}", page);

    public Task<ListPage<AgentAssignment>> ListAgentsPageAsync(string accountId, PageRequest page, CancellationToken cancellationToken) =>
        InMemoryPages.OfAsync(agents.Where(a => a.AccountId == accountId), a => $"{a.Vendor}|{a.AgentId}|{a.From:yyyy-MM-dd}", page);

    public Task<Account?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        lock (accounts)
        {
            return Task.FromResult(accounts.GetValueOrDefault(accountId));
        }
    }

    public Task<VersionedAccount?> FindVersionedAsync(string accountId, CancellationToken cancellationToken)
    {
        lock (accounts)
        {
            return Task.FromResult(accounts.TryGetValue(accountId, out var account) ? new VersionedAccount(account, Version(accountId)) : null);
        }
    }

    public Task<Outcome<VersionedAccount>> SetProfileAsync(Account profile, string? expectedVersion, CancellationToken cancellationToken)
    {
        lock (accounts)
        {
            var current = accounts.GetValueOrDefault(profile.Id);
            if (expectedVersion is not null && (current is null || (expectedVersion != "*" && expectedVersion != Version(profile.Id))))
            {
                return Task.FromResult<Outcome<VersionedAccount>>(Problem.Stale($"Account '{profile.Id}' is not at version {expectedVersion}"));
            }

            var account = profile with { Payment = current?.Payment, SuspendedAt = current?.SuspendedAt };
            Write(account);
            return Task.FromResult<Outcome<VersionedAccount>>(new VersionedAccount(account, Version(account.Id)));
        }
    }

    public Task<bool> RemoveAsync(string accountId, string expectedVersion, CancellationToken cancellationToken)
    {
        lock (accounts)
        {
            if (!accounts.ContainsKey(accountId) || Version(accountId) != expectedVersion)
            {
                return Task.FromResult(false);
            }

            accounts.Remove(accountId);
            versions.Remove(accountId);
            return Task.FromResult(true);
        }
    }

    public Task<Account?> UpdateAsync(string accountId, Func<Account, Account> change, CancellationToken cancellationToken)
    {
        lock (accounts)
        {
            if (!accounts.TryGetValue(accountId, out var current))
            {
                return Task.FromResult<Account?>(null);
            }

            var changed = change(current);
            if (changed != current)
            {
                Write(changed);
            }

            return Task.FromResult<Account?>(changed);
        }
    }

    public Task<Account?> FindHolderAsync(string number, Instant at, CancellationToken cancellationToken) =>
        Task.FromResult(numbers.Where(n => n.Number == number).Select(n => HolderOn(n.AccountId, at, n.HeldOn)).FirstOrDefault(a => a is not null));

    public Task<IReadOnlyList<Account>> ListChildrenAsync(string parentId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Account>>([.. accounts.Values.Where(a => a.ParentAccountId == parentId).OrderBy(a => a.Id, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<NumberAssignment>> ListNumbersAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NumberAssignment>>(numbers.Where(n => n.AccountId == accountId).ToList());

    public Task<IReadOnlyList<NumberAssignment>> ListAssignmentsOfAsync(string number, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NumberAssignment>>(numbers.Where(n => n.Number == number).ToList());

    public Task SetAsync(Account account, CancellationToken cancellationToken)
    {
        lock (accounts)
        {
            Write(account);
        }

        return Task.CompletedTask;
    }

    public Task<Outcome<NumberAssignment>> AssignNumberAsync(NumberAssignment assignment, CancellationToken cancellationToken)
    {
        lock (numbers)
        {
            if (numbers.FirstOrDefault(assignment.IsBlockedBy) is { } holder)
            {
                return Task.FromResult<Outcome<NumberAssignment>>(assignment.ConflictWith(holder));
            }

            // Keyed as the table keys it: the same number, account and first day replace the assignment.
            numbers.RemoveAll(assignment.Replaces);
            numbers.Add(assignment);
            return Task.FromResult<Outcome<NumberAssignment>>(assignment);
        }
    }

    public Task<Account?> FindAgentHolderAsync(string vendor, string agentId, Instant at, CancellationToken cancellationToken) =>
        Task.FromResult(agents.Where(a => a.Vendor == vendor && a.AgentId == agentId).Select(a => HolderOn(a.AccountId, at, a.HeldOn)).FirstOrDefault(a => a is not null));

    public Task<IReadOnlyList<AgentAssignment>> ListAgentsAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AgentAssignment>>(agents.Where(a => a.AccountId == accountId).ToList());

    public Task<IReadOnlyList<AgentAssignment>> ListAssignmentsOfAgentAsync(string vendor, string agentId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AgentAssignment>>(agents.Where(a => a.Vendor == vendor && a.AgentId == agentId).ToList());

    public Task<Outcome<AgentAssignment>> AssignAgentAsync(AgentAssignment assignment, CancellationToken cancellationToken)
    {
        lock (agents)
        {
            if (agents.FirstOrDefault(assignment.IsBlockedBy) is { } holder)
            {
                return Task.FromResult<Outcome<AgentAssignment>>(assignment.ConflictWith(holder));
            }

            agents.RemoveAll(assignment.Replaces);
            agents.Add(assignment);
            return Task.FromResult<Outcome<AgentAssignment>>(assignment);
        }
    }

    private void Write(Account account)
    {
        accounts[account.Id] = account;
        versions[account.Id] = ++writes;
    }

    private string Version(string accountId) => "v" + versions[accountId].ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Account? HolderOn(string accountId, Instant at, Func<LocalDate, bool> heldOn) =>
        accounts.GetValueOrDefault(accountId) is { } account && heldOn(at.InZone(account.Billing.Zone).Date) ? account : null;
}
