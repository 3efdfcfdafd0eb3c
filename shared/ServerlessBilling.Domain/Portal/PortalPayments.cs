using ServerlessBilling.Accounts;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Portal;

/// <summary>The customer portal's payment side: what the account pays with and owes, and the gateway's hosted pages that add a
/// payment method or pay an open invoice. Card and bank details are entered on the gateway's page only; its signed webhook
/// then sets the method (<see cref="PaymentRecording.DeliverMethodAsync"/>) or records the payment, as for any charge.</summary>
public sealed class PortalPayments(IReceivables receivables, IPaymentGateways gateways, IEnumerable<IHostedPaymentPages> pages)
{
    private readonly Dictionary<string, IHostedPaymentPages> byGateway = pages.ToDictionary(p => p.Gateway, StringComparer.OrdinalIgnoreCase);

    /// <summary>The account's method on file and its open invoices with a balance to pay, oldest due first.</summary>
    public async Task<PortalWallet> WalletAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var open = await OpenAsync(account, cancellationToken);
        return new PortalWallet(account.Payment, GatewayOf(account), [.. open.OrderBy(r => r.DueAt).ThenBy(r => r.Number, StringComparer.Ordinal)]);
    }

    /// <summary>The gateway's page to add or replace the account's payment method.</summary>
    public async Task<Outcome<HostedPaymentPage>> StartSetupAsync(Account account, HostedPageReturn returnTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!PagesOf(account).TryGetValue(out var hosted))
        {
            return PagesOf(account).Problem!;
        }

        var customerId = await CustomerOfAsync(account, cancellationToken);
        return await hosted.StartSetupAsync(new HostedSetupRequest(account.Id, customerId, account.Billing.Currency, returnTo), cancellationToken);
    }

    /// <summary>The gateway's page to pay the balance of one of the account's open invoices.</summary>
    /// <returns>Not found for an invoice that is not this account's or has nothing left to pay.</returns>
    public async Task<Outcome<HostedPaymentPage>> StartPaymentAsync(Account account, string? invoiceId, HostedPageReturn returnTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var invoice = (await OpenAsync(account, cancellationToken)).FirstOrDefault(r => r.InvoiceId == invoiceId);
        if (invoice is null)
        {
            return Problem.NotFound($"Open invoice '{invoiceId}' of account '{account.Id}'");
        }

        if (!PagesOf(account).TryGetValue(out var hosted))
        {
            return PagesOf(account).Problem!;
        }

        var customerId = await CustomerOfAsync(account, cancellationToken);
        return await hosted.StartPaymentAsync(
            new HostedPaymentRequest(account.Id, customerId, invoice.InvoiceId, invoice.Number, invoice.BalanceDue, returnTo), cancellationToken);
    }

    /// <summary>The account's gateway, or the deployment's default for an account that has none yet.</summary>
    public string GatewayOf(Account account) => (account?.Payment?.Gateway ?? gateways.DefaultName).ToLowerInvariant();

    private Outcome<IHostedPaymentPages> PagesOf(Account account) =>
        byGateway.TryGetValue(GatewayOf(account), out var hosted)
            ? Outcome<IHostedPaymentPages>.Success(hosted)
            : Problem.Invalid($"No hosted payment page for account '{account.Id}'", new Usage.RecordProblem("gateway", $"'{GatewayOf(account)}' offers no hosted page"));

    /// <summary>The customer the account has at its gateway; created there (idempotently, by account id) on first use.</summary>
    private async Task<string> CustomerOfAsync(Account account, CancellationToken cancellationToken) =>
        account.Payment is { } profile
            ? profile.CustomerId
            : await gateways.For(GatewayOf(account)).EnsureCustomerAsync(account.Id, account.Name, cancellationToken);

    private async Task<IReadOnlyList<Receivable>> OpenAsync(Account account, CancellationToken cancellationToken) =>
        [.. (await receivables.ListOpenAsync(account.Id, cancellationToken)).Where(r => r.AccountId == account.Id && r.BalanceDue.Amount > 0m)];
}
