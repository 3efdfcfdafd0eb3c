using ServerlessBilling.Accounts;
using ServerlessBilling.Paging;
using ServerlessBilling.Portal;

namespace ServerlessBilling.ResellerConsole;

/// <summary>The accounts the console lists and opens, read through the account directory and the portal's invoice list.</summary>
public sealed class ConsoleAccounts(IAccountDirectory accounts, CustomerPortal portal)
{
    /// <summary>Accounts per page of the list.</summary>
    public const int PageSize = 25;

    /// <summary>The page of accounts <paramref name="page"/> names, in the directory's order.</summary>
    public Task<ListPage<Account>> ListAsync(PageRequest page, CancellationToken cancellationToken) =>
        accounts.ListPageAsync(AccountListFilter.All, page, cancellationToken);

    /// <summary>The account with its numbers, agents, locations and invoices; not found when there is no such account.</summary>
    public async Task<Outcome<AccountDetail>> DetailAsync(string accountId, CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(accountId, cancellationToken) is not { } account)
        {
            return Problem.NotFound($"Account '{accountId}'");
        }

        return new AccountDetail(
            account,
            await accounts.ListNumbersAsync(account.Id, cancellationToken),
            await accounts.ListAgentsAsync(account.Id, cancellationToken),
            await accounts.ListChildrenAsync(account.Id, cancellationToken),
            await portal.InvoicesAsync(account, cancellationToken));
    }
}
