using NodaTime;

namespace ServerlessBilling.Accounts;

/// <summary>Accounts and the numbers they hold, as the reseller configured them.</summary>
public interface IAccountDirectory
{
    Task<Account?> FindAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>One page of all accounts, in key order; pass the returned token to read the next page (null when there is none).</summary>
    Task<AccountPage> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>The account that held <paramref name="number"/> (E.164) at <paramref name="at"/>, if any.</summary>
    Task<Account?> FindHolderAsync(string number, Instant at, CancellationToken cancellationToken);

    Task<IReadOnlyList<NumberAssignment>> ListNumbersAsync(string accountId, CancellationToken cancellationToken);

    Task SetAsync(Account account, CancellationToken cancellationToken);

    Task AssignNumberAsync(NumberAssignment assignment, CancellationToken cancellationToken);
}

/// <summary>A page of accounts and where the next one starts (null after the last page).</summary>
public sealed record AccountPage(IReadOnlyList<Account> Accounts, string? ContinuationToken);
