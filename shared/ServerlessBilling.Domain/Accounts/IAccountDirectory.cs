using NodaTime;

namespace ServerlessBilling.Accounts;

/// <summary>Accounts and the numbers and vendor agents they hold, as the reseller configured them.</summary>
public interface IAccountDirectory
{
    Task<Account?> FindAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>One page of all accounts, in key order; pass the returned token to read the next page (null when there is none).</summary>
    Task<AccountPage> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>The account that held <paramref name="number"/> (E.164) at <paramref name="at"/>, if any.</summary>
    Task<Account?> FindHolderAsync(string number, Instant at, CancellationToken cancellationToken);

    /// <summary>The accounts whose <see cref="Account.ParentAccountId"/> is <paramref name="parentId"/>, in id order.</summary>
    Task<IReadOnlyList<Account>> ListChildrenAsync(string parentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<NumberAssignment>> ListNumbersAsync(string accountId, CancellationToken cancellationToken);

    Task SetAsync(Account account, CancellationToken cancellationToken);

    Task AssignNumberAsync(NumberAssignment assignment, CancellationToken cancellationToken);

    /// <summary>The account that held <paramref name="vendor"/>'s agent <paramref name="agentId"/> at <paramref name="at"/>, if any.</summary>
    Task<Account?> FindAgentHolderAsync(string vendor, string agentId, Instant at, CancellationToken cancellationToken);

    Task<IReadOnlyList<AgentAssignment>> ListAgentsAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Stores the assignment; the same vendor, agent, account and start date again replaces it.</summary>
    Task AssignAgentAsync(AgentAssignment assignment, CancellationToken cancellationToken);
}

/// <summary>A page of accounts and where the next one starts (null after the last page).</summary>
public sealed record AccountPage(IReadOnlyList<Account> Accounts, string? ContinuationToken);
