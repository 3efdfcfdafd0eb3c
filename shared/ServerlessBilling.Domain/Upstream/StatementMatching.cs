using ServerlessBilling.Usage;

namespace ServerlessBilling.Upstream;

/// <summary>Compares a page of a vendor's statement with what our records hold for each call (a pure function of both).</summary>
/// <remarks>
/// <list type="bullet">
/// <item>A charged call no customer was billed for is leakage of its whole charge: <c>Unattributed</c> or <c>Quarantined</c> by the
/// record waiting in quarantine, <c>Missing</c> when there is none. A billed call a differing delivery of which waits for a person is
/// <c>Conflicting</c>, its charge at risk.</item>
/// <item>A billed call the vendor charged nothing for, or lists as not connected, is billed-not-charged for what the customer paid.</item>
/// <item>A row's charge covers every component of the call it lists (<see cref="StatementRow.AlsoCovers"/>): what the customer was billed
/// and the expected cost are those of all the call's components we billed.</item>
/// <item>A billed call whose charge differs from the expected cost by more than the tolerance is a cost difference. Its cause: no cost
/// plan row (nothing expected); else the seconds the charge buys at the row's price (charge × 60 ÷ price) when they are whole and differ
/// from the seconds the row's increment gives: the vendor's rounding changed; otherwise the vendor's per-minute price changed. A
/// connect fee in the cost plan is not separated out, so a changed connect fee reads as a rate row.</item>
/// </list>
/// </remarks>
public static class StatementMatching
{
    public static (List<ReconciliationFinding> Findings, StatementTotals Totals) Compare(
        IReadOnlyList<StatementLine> lines, IReadOnlyList<CallMatch> matches, decimal tolerance)
    {
        var findings = new List<ReconciliationFinding>();
        var byReason = new Dictionary<string, FindingTotal>(StringComparer.Ordinal);
        decimal vendor = 0m, expected = 0m, billed = 0m;
        var rows = 0;
        foreach (var line in lines)
        {
            if (line.Row is null)
            {
                Add(new ReconciliationFinding($"line {line.Number}", FindingKind.Unreadable, FindingReason.Unreadable, 0m, 0m, null, null, null, line.Problem!.ToString()));
            }
        }

        foreach (var line in lines)
        {
            if (line.Row is not { } row)
            {
                continue;
            }

            var match = matches[rows++];
            var charge = row.Charge.Amount;
            vendor += charge;
            if (match.Billed is not { } usage)
            {
                if (charge > 0m)
                {
                    var (reason, detail) = LeakageOf(match.Held);
                    Add(new ReconciliationFinding(row.VendorCallId, FindingKind.Leakage, reason, charge, charge, null, null, null, detail));
                }

                continue;
            }

            // The row's charge covers every component of the call it lists (Retell's AI engine and its telephony): compare it with them all.
            var parts = match.AllBilled.ToList();
            var price = parts.Sum(p => p.Charge.Amount.Amount);
            var costs = parts.Select(p => p.Charge.ExpectedCost).ToList();
            var cost = costs.Any(c => c is null) ? null : Combined(costs!);
            billed += price;
            expected += costs.Sum(c => c?.Amount.Amount ?? 0m);
            if (match.ConflictWaiting)
            {
                Add(Finding(row, usage.AccountId, FindingKind.Leakage, FindingReason.Conflicting, charge, price, cost,
                    "a differing delivery of the call waits in quarantine for a person to choose"));
            }

            if ((charge == 0m || !row.Connected) && price > 0m)
            {
                Add(Finding(row, usage.AccountId, FindingKind.BilledNotCharged, FindingReason.NotCharged, price, price, cost,
                    row.Connected ? "the vendor charged nothing" : $"the vendor lists the call as {row.Status}"));
            }
            else if (cost is null && charge > tolerance)
            {
                var unpriced = parts.First(p => p.Charge.ExpectedCost is null).Event;
                Add(Finding(row, usage.AccountId, FindingKind.CostDifference, FindingReason.MissingRow, charge, price, cost,
                    $"no cost plan of {row.EventId.Split('-')[0]} prices {unpriced.Component} calls to {unpriced.To}"));
            }
            else if (cost is not null && Math.Abs(charge - cost.Amount.Amount) > tolerance)
            {
                var (reason, detail) = CauseOf(row, cost, charge);
                Add(Finding(row, usage.AccountId, FindingKind.CostDifference, reason, charge - cost.Amount.Amount, price, cost, detail));
            }
        }

        return (findings, new StatementTotals(lines.Count, vendor, expected, billed, byReason));

        void Add(ReconciliationFinding finding)
        {
            findings.Add(finding);
            var key = finding.Reason.ToString();
            var one = new FindingTotal(1, finding.Amount);
            byReason[key] = byReason.TryGetValue(key, out var sum) ? sum.Plus(one) : one;
        }
    }

    /// <summary>The expected cost of several components of one call as one: amounts and per-minute prices add up, the seconds are the
    /// main component's (a vendor that bills several components of a call bills them all on the call's seconds).</summary>
    private static ExpectedCost Combined(IReadOnlyList<ExpectedCost> costs) => costs.Count == 1
        ? costs[0]
        : new ExpectedCost(
            new Money(costs.Sum(c => c.Amount.Amount), costs[0].Amount.Currency),
            string.Join(" + ", costs.Select(c => c.CostPlan).Distinct(StringComparer.Ordinal)),
            string.Join(" + ", costs.Select(c => c.PlanVersion).Distinct(StringComparer.Ordinal)),
            string.Join(" + ", costs.Select(c => c.Rate)),
            costs[0].BillableSeconds,
            costs.Sum(c => c.UnitPrice));

    private static ReconciliationFinding Finding(
        StatementRow row, string accountId, FindingKind kind, FindingReason reason, decimal amount, decimal price, ExpectedCost? cost, string detail) =>
        new(row.VendorCallId, kind, reason, amount, row.Charge.Amount, cost?.Amount.Amount, price, accountId, detail);

    private static (FindingReason, string) LeakageOf(QuarantinedRecord? held) => held switch
    {
        null => (FindingReason.Missing, "no record of the call: its webhook never arrived or was never rated"),
        _ when IsUnattributed(held.Problem) => (FindingReason.Unattributed, held.Problem.ToString()),
        _ => (FindingReason.Quarantined, $"{held.Kind}: {held.Problem}"),
    };

    /// <summary>Attribution's own problems: no account holds the number or agent, or the account a source named does not exist.</summary>
    private static bool IsUnattributed(RecordProblem problem) =>
        problem.Reason.StartsWith("no account holds", StringComparison.Ordinal)
        || (problem.Field == "accountId" && problem.Reason.EndsWith("does not exist", StringComparison.Ordinal));

    private static (FindingReason, string) CauseOf(StatementRow row, ExpectedCost cost, decimal charge)
    {
        if (cost.UnitPrice > 0m)
        {
            var seconds = charge * 60m / cost.UnitPrice;
            var whole = Math.Round(seconds);
            if (Math.Abs(seconds - whole) < 0.01m && whole != cost.BillableSeconds && whole >= row.DurationSeconds)
            {
                return (FindingReason.Increment,
                    $"the vendor billed {whole} s of a {row.DurationSeconds} s call where the cost plan's increment gives {cost.BillableSeconds} s ({cost.Rate})");
            }
        }

        var perMinute = cost.BillableSeconds > 0 ? Math.Round(charge * 60m / cost.BillableSeconds, 6) : charge;
        return (FindingReason.RateRow, $"the vendor charged {perMinute} per minute where the cost plan's row {cost.Rate} says {cost.UnitPrice}");
    }
}
