using ServerlessBilling.Accounts;
using ServerlessBilling.Portal;

namespace ServerlessBilling.ResellerConsole;

/// <summary>One account as the console shows it: its profile, the numbers and agents it holds or held, its locations, and its final
/// invoices with their balances and credit notes (the same list its customer sees in the portal).</summary>
public sealed record AccountDetail(
    Account Account,
    IReadOnlyList<NumberAssignment> Numbers,
    IReadOnlyList<AgentAssignment> Agents,
    IReadOnlyList<Account> Locations,
    IReadOnlyList<PortalInvoice> Invoices);
