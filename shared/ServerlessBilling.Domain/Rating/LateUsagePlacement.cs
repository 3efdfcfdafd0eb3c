using NodaTime;
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
/// <para>A message's calls are placed together (<see cref="PlaceAsync(IReadOnlyList{ValueTuple{Account, UsageEvent}}, CancellationToken)"/>):
/// whether a period's close has started is read once per account and period for the whole message, which its calls are then
/// written right after, as one call's would be.</para>
/// <para>With a <paramref name="clock"/> and an <paramref name="openPeriodMargin"/>, a period that ends more than the margin after now is
/// known open without a read: a close starts only once its period has ended (<see cref="CycleStarts"/> refuses any earlier start,
/// and the daily schedule, the API and the console all start closes through it). The margin covers the clock skew between the
/// instance that rates and the one that starts the close, and the time between this decision and the usage write, which the read
/// leaves to chance too (a read that finds no row says nothing about a row written a moment later); so most calls, rated within
/// their period, cost no read, and a call rated in the last <paramref name="openPeriodMargin"/> of its period, or later, is placed as
/// before.</para>
/// </remarks>
/// <param name="cycles">The cycle ledger: whether a period's close has started.</param>
/// <param name="usage">The usage ledger, checked for a redelivery in each closed period the walk passes.</param>
/// <param name="clock">Now, for the open-period shortcut; null reads the ledger for every period.</param>
/// <param name="openPeriodMargin">How long before its end a period is still known open without a read; null reads it always.</param>
public sealed class LateUsagePlacement(ICycleLedger cycles, IUsageLedger usage, IClock? clock = null, Duration? openPeriodMargin = null)
{
    public Task<UsagePlacement> PlaceAsync(Account account, UsageEvent usageEvent, CancellationToken cancellationToken) =>
        PlaceAsync(account, usageEvent, null, cancellationToken);

    /// <summary>Places the version a person chose over <paramref name="voiding"/>: the row of the voided version, which the walk may
    /// pass in a closed period, is not a redelivery of it.</summary>
    public Task<UsagePlacement> PlaceAsync(Account account, UsageEvent usageEvent, RatedUsage? voiding, CancellationToken cancellationToken) =>
        PlaceAsync(account, usageEvent, voiding, request => cycles.HasStartedAsync(request, cancellationToken), cancellationToken);

    /// <summary>Places each call as <see cref="PlaceAsync(Account, UsageEvent, CancellationToken)"/> does, reading whether a close has
    /// started once per account and period however many of the calls that period's walk passes.</summary>
    /// <returns>Each call's placement, in order.</returns>
    public async Task<IReadOnlyList<UsagePlacement>> PlaceAsync(IReadOnlyList<(Account Account, UsageEvent Event)> calls, CancellationToken cancellationToken)
    {
        var started = new Dictionary<(string AccountId, string PeriodStart), bool>();

        // Each call's own period is read first, all at once: a whole CDR window names about a hundred account periods, which read one
        // after another would be a hundred round trips before its first claim.
        // A period known open is not read at all (see IsKnownOpen).
        var own = calls.Select(c => (c.Account, Period: c.Account.Billing.PeriodContaining(c.Event.StartedAt)))
            .Where(c => !IsKnownOpen(c.Period, c.Account.Billing.Zone))
            .Select(c => new CycleRequest(c.Account.Id, c.Period.Key)).Distinct().ToList();
        var ownStarted = await Task.WhenAll(own.Select(request => cycles.HasStartedAsync(request, cancellationToken)));
        for (var i = 0; i < own.Count; i++)
        {
            started[(own[i].AccountId, own[i].PeriodStart)] = ownStarted[i];
        }

        async Task<bool> HasStartedAsync(CycleRequest request)
        {
            if (!started.TryGetValue((request.AccountId, request.PeriodStart), out var known))
            {
                known = started[(request.AccountId, request.PeriodStart)] = await cycles.HasStartedAsync(request, cancellationToken);
            }

            return known;
        }

        var placements = new UsagePlacement[calls.Count];
        for (var i = 0; i < calls.Count; i++)
        {
            placements[i] = await PlaceAsync(calls[i].Account, calls[i].Event, null, HasStartedAsync, cancellationToken);
        }

        return placements;
    }

    private async Task<UsagePlacement> PlaceAsync(
        Account account, UsageEvent usageEvent, RatedUsage? voiding, Func<CycleRequest, Task<bool>> hasStarted, CancellationToken cancellationToken)
    {
        var own = account.Billing.PeriodContaining(usageEvent.StartedAt);
        var period = own;
        if (IsKnownOpen(own, account.Billing.Zone))
        {
            return new UsagePlacement(own, null, AlreadyRecorded: false);
        }

        while (await hasStarted(new CycleRequest(account.Id, period.Key)))
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

    /// <summary>The period ends more than the margin from now, so no close of it can have started.</summary>
    private bool IsKnownOpen(BillingPeriod period, DateTimeZone zone) =>
        clock is not null && openPeriodMargin is { } margin && clock.GetCurrentInstant() + margin < period.EndInstant(zone);
}
