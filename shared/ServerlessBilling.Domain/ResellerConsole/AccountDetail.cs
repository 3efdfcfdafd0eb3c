using ServerlessBilling.Accounts;
using ServerlessBilling.Paging;
using ServerlessBilling.Payments;
using ServerlessBilling.Portal;

namespace ServerlessBilling.ResellerConsole;

/// <summary>One account as the console shows it: its profile, the numbers and agents it holds or held, its locations, and its final
/// invoices with their balances and credit notes (the same list its customer sees in the portal), and a page of its payments.</summary>
/// <param name="Payments">One page of the account's payments in time order, as <c>GET /api/accounts/{accountId}/payments</c> lists
/// them (charges, offline payments, reversals and overpayments carried forward).</param>
public sealed record AccountDetail(
    Account Account,
    IReadOnlyList<NumberAssignment> Numbers,
    IReadOnlyList<AgentAssignment> Agents,
    IReadOnlyList<Account> Locations,
    IReadOnlyList<PortalInvoice> Invoices,
    ListPage<InvoicePayment> Payments);
