using ServerlessBilling.Rating;

namespace ServerlessBilling.Upstream;

/// <summary>Finds the calls we billed under a vendor that its statement does not list (a pure function of a ledger page and the ids the
/// statement listed).</summary>
/// <remarks>
/// Each billed component the statement does not list is its own finding, <see cref="FindingReason.NotOnStatement"/>, for what the
/// customer was billed: the main component under the vendor's call id, a split-off one under <c>{call id}/{component}</c> (Retell's
/// telephony beside its AI engine), so the two stay apart in the findings. A call is listed when its event id is among the statement's,
/// whatever component the statement row names: a row covers the whole call. Rows billed nothing (an unanswered call) are not reported.
/// </remarks>
public static class UnlistedCalls
{
    public static (List<ReconciliationFinding> Findings, StatementTotals Totals) Find(
        IReadOnlyList<RatedUsage> billed, IReadOnlySet<string> listed, string statementName)
    {
        var findings = new List<ReconciliationFinding>();
        var total = new FindingTotal(0, 0m);
        foreach (var usage in billed)
        {
            var price = usage.Charge.Amount.Amount;
            if (price <= 0m || listed.Contains(usage.Event.Identity.EventId))
            {
                continue;
            }

            var callId = usage.Event.IsMainComponent
                ? usage.Event.SourceRecordId
                : $"{usage.Event.SourceRecordId}/{usage.Event.Component.ToString().ToLowerInvariant()}";
            findings.Add(new ReconciliationFinding(callId, FindingKind.BilledNotCharged, FindingReason.NotOnStatement, price, 0m,
                usage.Charge.ExpectedCost?.Amount.Amount, price, usage.AccountId,
                $"billed {usage.Event.Component} of a call at {usage.Event.StartedAt} in period {usage.PeriodKey}, absent from {statementName}"));
            total = total.Plus(new FindingTotal(1, price));
        }

        var byReason = total.Count == 0
            ? new Dictionary<string, FindingTotal>()
            : new Dictionary<string, FindingTotal> { [nameof(FindingReason.NotOnStatement)] = total };
        return (findings, StatementTotals.Empty with { ByReason = byReason });
    }
}
