using NodaTime;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Tests.Accounts;

/// <summary>Accounts, numbers and agents in lists, with the same effective-dating as the table directory; accounts are listed in id order a page at a time (the token is the next index).</summary>
public sealed class InMemoryAccountDirectory : IAccountDirectory
{
    private readonly Dictionary<string, Account> accounts = new(StringComparer.Ordinal);
    private readonly List<NumberAssignment> numbers = [];
    private readonly List<AgentAssignment> agents = [];

    public InMemoryAccountDirectory(params Account[] seed)
    {
        foreach (var account in seed)
        {
            accounts[account.Id] = account;
        }
    }

    public Task<AccountPage> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var all = accounts.Values.OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var from = continuationToken is null ? 0 : int.Parse(continuationToken, null);
        var next = from + pageSize < all.Count ? (from + pageSize).ToString(null, null) : null;
        return Task.FromResult(new AccountPage([.. all.Skip(from).Take(pageSize)], next));
    }

    public Task<Account?> FindAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult(accounts.GetValueOrDefault(accountId));

    public Task<Account?> FindHolderAsync(string number, Instant at, CancellationToken cancellationToken) =>
        Task.FromResult(numbers.Where(n => n.Number == number).Select(n => HolderOn(n.AccountId, at, n.HeldOn)).FirstOrDefault(a => a is not null));

    public Task<IReadOnlyList<Account>> ListChildrenAsync(string parentId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Account>>([.. accounts.Values.Where(a => a.ParentAccountId == parentId).OrderBy(a => a.Id, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<NumberAssignment>> ListNumbersAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NumberAssignment>>(numbers.Where(n => n.AccountId == accountId).ToList());

    public Task SetAsync(Account account, CancellationToken cancellationToken)
    {
        accounts[account.Id] = account;
        return Task.CompletedTask;
    }

    public Task AssignNumberAsync(NumberAssignment assignment, CancellationToken cancellationToken)
    {
        numbers.Add(assignment);
        return Task.CompletedTask;
    }

    public Task<Account?> FindAgentHolderAsync(string vendor, string agentId, Instant at, CancellationToken cancellationToken) =>
        Task.FromResult(agents.Where(a => a.Vendor == vendor && a.AgentId == agentId).Select(a => HolderOn(a.AccountId, at, a.HeldOn)).FirstOrDefault(a => a is not null));

    public Task<IReadOnlyList<AgentAssignment>> ListAgentsAsync(string accountId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AgentAssignment>>(agents.Where(a => a.AccountId == accountId).ToList());

    public Task AssignAgentAsync(AgentAssignment assignment, CancellationToken cancellationToken)
    {
        agents.Add(assignment);
        return Task.CompletedTask;
    }

    private Account? HolderOn(string accountId, Instant at, Func<LocalDate, bool> heldOn) =>
        accounts.GetValueOrDefault(accountId) is { } account && heldOn(at.InZone(account.Billing.Zone).Date) ? account : null;
}
