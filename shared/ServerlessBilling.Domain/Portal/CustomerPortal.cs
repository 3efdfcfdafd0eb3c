using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Paging;
using ServerlessBilling.Payments;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Portal;

/// <summary>What the customer portal's pages show of an account the session may see (<see cref="PortalAccess.ScopeAsync"/>
/// decides which): balance and usage, invoices with their credit notes, calls, and a group parent's locations.</summary>
public sealed class CustomerPortal(
    IAccountDirectory accounts, IReceivables receivables, ICreditNoteStore creditNotes, IUsageLedger ledger, UpcomingInvoices upcoming, IClock clock)
{
    /// <summary>The most calls the usage page lists at once; the filters narrow a longer list.</summary>
    public const int UsageRows = 500;

    public async Task<PortalOverview> OverviewAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var zone = account.Billing.Zone;
        var open = (await receivables.ListOpenAsync(account.Id, cancellationToken))
            .Where(r => r.Currency == account.Billing.Currency && r.BalanceDue.Amount > 0m)
            .ToList();
        var balance = open.Aggregate(Money.Zero(account.Billing.Currency), (sum, r) => sum + r.BalanceDue);
        LocalDate? nextDue = open.Count == 0 ? null : open.Min(r => r.DueAt.InZone(zone).Date);
        var period = account.Billing.PeriodContaining(clock.GetCurrentInstant());
        var usage = await ledger.ListAsync(account.Id, period, cancellationToken);
        var estimate = (await upcoming.PreviewAsync(account.Id, cancellationToken)).TryGetValue(out var preview) ? preview.Total : (Money?)null;
        return new PortalOverview(account, balance, nextDue, open.Count, UsageChart.Build(period, zone, usage), estimate);
    }

    /// <summary>Every final invoice of the account, newest period first, each with the credit notes issued against it.</summary>
    public async Task<IReadOnlyList<PortalInvoice>> InvoicesAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var all = new List<Receivable>();
        var page = PageRequest.First(PageRequest.MaxLimit);
        do
        {
            var read = await receivables.ListPageAsync(new InvoiceListFilter(account.Id), page, cancellationToken);
            all.AddRange(read.Items);
            page = new PageRequest(read.ContinuationToken, PageRequest.MaxLimit);
        }
        while (page.ContinuationToken is not null);

        var invoices = new List<PortalInvoice>();
        foreach (var receivable in all.OrderByDescending(r => r.PeriodStart).ThenByDescending(r => r.Number, StringComparer.Ordinal))
        {
            var notes = await creditNotes.ListAsync(account.Id, receivable.InvoiceId, cancellationToken);
            invoices.Add(new PortalInvoice(receivable, receivable.DueAt.InZone(account.Billing.Zone).Date, notes));
        }

        return invoices;
    }

    /// <summary>A page of the calls of the period the filter names (the current one by default) that it admits, newest first,
    /// starting after <paramref name="after"/> (the first page when null).</summary>
    /// <param name="pageSize">At most this many calls (the page shows <see cref="UsageRows"/>).</param>
    public async Task<PortalUsage> UsageAsync(Account account, UsageFilter filter, UsageCursor? after, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var zone = account.Billing.Zone;
        var period = filter.Period is { } day
            ? Cycles.BillingPeriod.Containing(day, account.Billing.BillCycleDay)
            : account.Billing.PeriodContaining(clock.GetCurrentInstant());
        var usage = await ledger.ListAsync(account.Id, period, cancellationToken);
        var matching = UsageCursor.Order(usage.Where(u => filter.Matches(u, zone))).ToList();
        var skipped = after is { } cursor ? matching.Count(u => !cursor.Precedes(u)) : 0;
        var page = matching.Skip(skipped).Take(pageSize).ToList();
        var next = skipped + page.Count < matching.Count ? UsageCursor.After(page[^1]) : (UsageCursor?)null;
        var numbers = usage.Select(u => u.Event.CustomerNumber).Distinct().Order(StringComparer.Ordinal).ToList();
        var agents = usage.Select(u => u.Event.AgentId).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        return new PortalUsage(period, filter with { Period = period.Start }, page, matching.Count, numbers, agents, skipped, next);
    }

    /// <summary>A group parent's locations in id order; empty for any other account.</summary>
    public Task<IReadOnlyList<Account>> LocationsAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return accounts.ListChildrenAsync(account.Id, cancellationToken);
    }
}
