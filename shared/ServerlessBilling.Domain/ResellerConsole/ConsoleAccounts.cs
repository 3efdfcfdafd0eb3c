using ServerlessBilling.Accounts;
using ServerlessBilling.Paging;
using ServerlessBilling.Payments;
using ServerlessBilling.Portal;

namespace ServerlessBilling.ResellerConsole;

/// <summary>The accounts the console lists and opens, read through the account directory, the portal's invoice list and the payment
/// list.</summary>
public sealed class ConsoleAccounts(IAccountDirectory accounts, CustomerPortal portal, IReceivables receivables)
{
    /// <summary>Accounts per page of the list.</summary>
    public const int PageSize = 25;

    /// <summary>Payments per page of an account's page.</summary>
    public const int PaymentsPageSize = 25;

    /// <summary>The page of accounts <paramref name="page"/> names, in the directory's order.</summary>
    public Task<ListPage<Account>> ListAsync(PageRequest page, CancellationToken cancellationToken) =>
        accounts.ListPageAsync(AccountListFilter.All, page, cancellationToken);

    /// <summary>The account with its numbers, agents, locations, invoices and the page of its payments <paramref name="payments"/>
    /// names; not found when there is no such account.</summary>
    public async Task<Outcome<AccountDetail>> DetailAsync(string accountId, PageRequest payments, CancellationToken cancellationToken)
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
            await portal.InvoicesAsync(account, cancellationToken),
            await receivables.ListPaymentsAsync(new PaymentListFilter(account.Id), payments, cancellationToken));
    }
}
