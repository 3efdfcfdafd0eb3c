using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>Rates a file of calls against a plan without storage: for trying a plan on real traffic before uploading it.</summary>
/// <remarks>A call with several components yields one rated call per component the plan charges, as the pipeline does.</remarks>
public static class OfflineRating
{
    public static IEnumerable<RatedCall> Rate(IEnumerable<UsageEvent> events, PricePlan plan, DateTimeZone zone)
    {
        foreach (var usage in events.SelectMany(e => e.ByComponent()).Where(e => Rater.Charges(e, plan, zone)))
        {
            var outcome = Rater.Rate(usage, plan, zone, NumberClassifier.Classify(usage.To));
            yield return outcome.TryGetValue(out var charge) ? new RatedCall(usage, charge, null) : new RatedCall(usage, null, outcome.Problem!.Fields[0]);
        }
    }
}
