using NodaTime;

namespace ServerlessBilling.Accounts;

/// <summary>Accounts and the numbers and vendor agents they hold, as the reseller configured them.</summary>
public interface IAccountDirectory
{
    Task<Account?> FindAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The account that held <paramref name="number"/> (E.164) at <paramref name="at"/>, if any.</summary>
    Task<Account?> FindHolderAsync(string number, Instant at, CancellationToken cancellationToken);

    Task<IReadOnlyList<NumberAssignment>> ListNumbersAsync(string accountId, CancellationToken cancellationToken);

    Task SetAsync(Account account, CancellationToken cancellationToken);

    Task AssignNumberAsync(NumberAssignment assignment, CancellationToken cancellationToken);

    /// <summary>The account that held <paramref name="vendor"/>'s agent <paramref name="agentId"/> at <paramref name="at"/>, if any.</summary>
    Task<Account?> FindAgentHolderAsync(string vendor, string agentId, Instant at, CancellationToken cancellationToken);

    Task<IReadOnlyList<AgentAssignment>> ListAgentsAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Stores the assignment; the same vendor, agent, account and start date again replaces it.</summary>
    Task AssignAgentAsync(AgentAssignment assignment, CancellationToken cancellationToken);
}
