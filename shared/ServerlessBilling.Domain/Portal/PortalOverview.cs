using NodaTime;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Portal;

/// <summary>The overview page: what is owed, by when, and this period's usage so far.</summary>
/// <param name="BalanceDue">The sum of the open invoices' balances, in the account's currency.</param>
/// <param name="NextDueDate">The earliest due date (account's zone) among open invoices with a balance; null when nothing is owed.</param>
/// <param name="OpenInvoices">How many invoices still have a balance.</param>
/// <param name="NextInvoiceEstimate">The open period priced so far as its close will price it (<see cref="Invoicing.UpcomingInvoices"/>);
/// null for a location whose usage goes on its group parent's invoice.</param>
public sealed record PortalOverview(Account Account, Money BalanceDue, LocalDate? NextDueDate, int OpenInvoices, UsageChart Usage, Money? NextInvoiceEstimate);
