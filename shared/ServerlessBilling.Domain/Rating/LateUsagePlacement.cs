using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>Decides which period bills an event, so that a late event is never dropped and never rewrites an issued invoice.</summary>
/// <remarks>
/// Once a close has started (the cycle ledger has its row) the period's usage is frozen. An event for it then goes
/// to the first later period whose close has not started, marked with its own period so the invoice shows it as
/// prior-period usage. A redelivery of an event must still bill once: it can only have been recorded in its own
/// period or in one of the closed periods the walk passes, so each of those is checked for it before it is placed.
/// Periods only start closing once they have ended, so the walk stops at the current period at the latest.
/// The ledger row is written before the close's first step reads usage, so an event checked just before the row
/// appears is still written well before that read.
/// </remarks>
public sealed class LateUsagePlacement(ICycleLedger cycles, IUsageLedger usage)
{
    public Task<UsagePlacement> PlaceAsync(Account account, UsageEvent usageEvent, CancellationToken cancellationToken) =>
        PlaceAsync(account, usageEvent, null, cancellationToken);

    /// <summary>Places the version a person chose over <paramref name="voiding"/>: the row of the voided version, which the walk may
    /// pass in a closed period, is not a redelivery of it.</summary>
    public async Task<UsagePlacement> PlaceAsync(Account account, UsageEvent usageEvent, RatedUsage? voiding, CancellationToken cancellationToken)
    {
        var own = account.Billing.PeriodContaining(usageEvent.StartedAt);
        var period = own;
        while (await cycles.HasStartedAsync(new CycleRequest(account.Id, period.Key), cancellationToken))
        {
            var voided = voiding is not null && voiding.AccountId == account.Id && voiding.PeriodKey == period.Key;
            if (!voided && await usage.ContainsAsync(account.Id, period, usageEvent.Identity, cancellationToken))
            {
                return new UsagePlacement(period, period == own ? null : own.Key, AlreadyRecorded: true);
            }

            period = BillingPeriod.Containing(period.End, account.Billing.BillCycleDay);
        }

        return new UsagePlacement(period, period == own ? null : own.Key, AlreadyRecorded: false);
    }
}
