using ServerlessBilling.Rating;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Invoicing;

/// <summary>A period's drawn-down calls summed in one pass for its usage lines: seconds included per bundle, one tally per component
/// and direction (components priced by a tier schedule apart), each also per jurisdiction when the lines are split.</summary>
internal sealed class UsageTallies
{
    private readonly Dictionary<Bundle, long> included = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(UsageComponent Component, CallDirection Direction), LineTally> groups = [];
    private readonly Dictionary<UsageComponent, LineTally> tiers = [];

    /// <param name="tiered">The components a tier schedule prices.</param>
    /// <param name="jurisdictionOf">Where a call ran, to split each line; null to leave the lines whole.</param>
    public static UsageTallies Of(IEnumerable<DrawnCall> calls, IReadOnlySet<UsageComponent> tiered, Func<UsageEvent, UsageJurisdiction?>? jurisdictionOf)
    {
        var tallies = new UsageTallies();
        foreach (var component in tiered)
        {
            tallies.tiers[component] = new LineTally(jurisdictionOf);
        }

        foreach (var call in calls)
        {
            if (call.Bundle is { } bundle)
            {
                tallies.included[bundle] = tallies.included.GetValueOrDefault(bundle) + call.IncludedSeconds;
            }

            var e = call.Usage.Event;
            if (!tallies.tiers.TryGetValue(e.Component, out var line) && !tallies.groups.TryGetValue((e.Component, e.Direction), out line))
            {
                line = tallies.groups[(e.Component, e.Direction)] = new LineTally(jurisdictionOf);
            }

            line.Add(call);
        }

        return tallies;
    }

    /// <summary>Seconds the period's calls drew from <paramref name="bundle"/> (the very instance of the plan's version).</summary>
    public long IncludedSeconds(Bundle bundle) => included.GetValueOrDefault(bundle);

    /// <summary>Each component and direction not tier-priced that has calls, by component, then direction.</summary>
    public IEnumerable<((UsageComponent Component, CallDirection Direction) Key, LineTally Line)> Groups =>
        groups.OrderBy(g => g.Key.Component).ThenBy(g => g.Key.Direction).Select(g => (g.Key, g.Value));

    /// <summary>The calls of a tier-priced component (none is an empty tally).</summary>
    public LineTally Tier(UsageComponent component) => tiers[component];

    /// <summary>One line's calls, whole and per jurisdiction (intrastate, interstate, international, then none known).</summary>
    public sealed class LineTally(Func<UsageEvent, UsageJurisdiction?>? jurisdictionOf)
    {
        private readonly SortedDictionary<int, (UsageJurisdiction? Jurisdiction, CallTally Calls)>? parts = jurisdictionOf is null ? null : [];

        public CallTally All { get; } = new();

        /// <summary>Null when the line is not split.</summary>
        public IReadOnlyList<(UsageJurisdiction? Jurisdiction, CallTally Calls)>? Parts => parts?.Values.ToList();

        public void Add(DrawnCall call)
        {
            All.Add(call);
            if (parts is null)
            {
                return;
            }

            var jurisdiction = jurisdictionOf!(call.Usage.Event);
            var order = jurisdiction is { } known ? (int)known : int.MaxValue;
            if (!parts.TryGetValue(order, out var part))
            {
                part = parts[order] = (jurisdiction, new CallTally());
            }

            part.Calls.Add(call);
        }
    }
}
