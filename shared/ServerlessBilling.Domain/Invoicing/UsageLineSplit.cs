using ServerlessBilling.Tax;

namespace ServerlessBilling.Invoicing;

/// <summary>Splits one usage line into the parts a tax service taxes apart: the calls that ran within a state, across states and
/// abroad (<see cref="UsageJurisdiction"/>), and those whose jurisdiction is not known.</summary>
/// <remarks>
/// The line's amount is rounded once, whole, and then divided between the parts in proportion to their exact amounts (or, for a tier
/// schedule, their charged seconds) without losing or inventing a cent (<see cref="Money.Allocate"/>): each part is less than a cent
/// from its exact share, and the parts add up to the line that an unsplit invoice shows. Parts come in the order intrastate,
/// interstate, international, then the calls of no known jurisdiction; a line all of whose calls are of one kind stays one line.
/// </remarks>
internal static class UsageLineSplit
{
    /// <summary>One part of a usage line: its jurisdiction (null for calls of none known, and for an unsplit line), its calls and its
    /// amount, already rounded.</summary>
    public sealed record Part(UsageJurisdiction? Jurisdiction, CallTally Calls, decimal Amount);

    /// <param name="line">The line's calls, whole and per jurisdiction (<see cref="UsageTallies.LineTally.Parts"/> null to leave the line whole).</param>
    /// <param name="whole">The line's amount, rounded as the invoice shows it.</param>
    /// <param name="weight">What a part's share of the amount is proportional to.</param>
    public static IReadOnlyList<Part> Parts(UsageTallies.LineTally line, Money whole, Func<CallTally, decimal> weight)
    {
        if (line.Parts is not { } groups || line.All.Count == 0)
        {
            return [new Part(null, line.All, whole.Amount)];
        }

        if (groups.Count == 1)
        {
            return [new Part(groups[0].Jurisdiction, line.All, whole.Amount)];
        }

        // Ratios rounded to 8 places keep Allocate's whole-number weights small; the split stays within a cent of exact.
        var weights = groups.Select(g => decimal.Round(weight(g.Calls), 8, MidpointRounding.AwayFromZero)).ToList();
        if (weights.Any(w => w < 0m))
        {
            return [new Part(null, line.All, whole.Amount)];
        }

        var ratios = weights.Sum() > 0m ? weights : [.. groups.Select(g => (decimal)g.Calls.Count)];
        var amounts = whole.Allocate(ratios);
        return [.. groups.Select((g, i) => new Part(g.Jurisdiction, g.Calls, amounts[i].Amount))];
    }

    /// <summary>What a part adds to its line's description: ", intrastate", ", interstate", ", international", or nothing.</summary>
    public static string Label(UsageJurisdiction? jurisdiction) => jurisdiction switch
    {
        UsageJurisdiction.Intrastate => ", intrastate",
        UsageJurisdiction.Interstate => ", interstate",
        UsageJurisdiction.International => ", international",
        _ => "",
    };
}
