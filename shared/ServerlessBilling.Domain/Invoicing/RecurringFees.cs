using System.Globalization;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Invoicing;

/// <summary>Daily proration of recurring fees in the account's calendar.</summary>
/// <remarks>
/// The period is cut where the account's service starts or stops and where a new plan version takes effect; each
/// part carries its version's fees × its days / the period's days. A full period is one part with factor 1.
/// </remarks>
public static class RecurringFees
{
    public static IReadOnlyList<RecurringSpan> Spans(PricePlan plan, Account account, BillingPeriod period)
    {
        var from = account.ActiveFrom is { } start && start > period.Start ? start : period.Start;
        var until = account.ActiveUntil is { } end && end < period.End ? end : period.End;
        var spans = new List<RecurringSpan>();
        var versions = plan.Versions.OrderBy(v => v.EffectiveFrom).ToList();
        for (var i = 0; i < versions.Count; i++)
        {
            var versionFrom = versions[i].EffectiveFrom;
            var versionUntil = i + 1 < versions.Count ? versions[i + 1].EffectiveFrom : LocalDate.MaxIsoValue;
            var spanFrom = versionFrom > from ? versionFrom : from;
            var spanUntil = versionUntil < until ? versionUntil : until;
            if (spanFrom < spanUntil)
            {
                spans.Add(new RecurringSpan(versions[i], spanFrom, spanUntil));
            }
        }

        return spans;
    }

    /// <summary>" (Nov 1–14)" for a part of a period, empty for the whole period.</summary>
    public static string Label(RecurringSpan span, BillingPeriod period) =>
        span.From == period.Start && span.Until == period.End
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $" ({span.From:MMM d}–{span.Until.PlusDays(-1):MMM d})");
}
