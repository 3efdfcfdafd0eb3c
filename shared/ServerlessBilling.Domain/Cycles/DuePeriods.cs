using NodaTime;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Cycles;

/// <summary>Which period of an account is due to close at a given instant, once late CDR dumps have had their grace window.</summary>
/// <remarks>
/// The due period is the latest one whose end (local midnight in the account's zone, see
/// <see cref="BillingPeriod.EndInstant"/>) is at least <c>grace</c> before now. A daily check therefore finds each
/// period on every day of the following month, so a missed day (or a failed start) is caught up the next day; the
/// cycle ledger makes the repeats harmless. A period in which the account had no service is never due.
/// </remarks>
public static class DuePeriods
{
    public static BillingPeriod? LatestDue(Account account, Instant now, Duration grace)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, Duration.Zero);
        var zone = account.Billing.Zone;
        var cutOff = (now - grace).InZone(zone).Date;
        var open = BillingPeriod.Containing(cutOff, account.Billing.BillCycleDay);
        // The cut-off instant lies in the open period, which starts exactly where the one before it ends.
        var due = BillingPeriod.Containing(open.Start.PlusDays(-1), account.Billing.BillCycleDay);
        return HadService(account, due) ? due : null;
    }

    private static bool HadService(Account account, BillingPeriod period) =>
        (account.ActiveFrom is not { } from || from < period.End)
        && (account.ActiveUntil is not { } until || until > period.Start);
}
