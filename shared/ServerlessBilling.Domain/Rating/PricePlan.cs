using NodaTime;

namespace ServerlessBilling.Rating;

/// <summary>A reseller's price plan: a list of versions, each in force from its <see cref="PlanVersion.EffectiveFrom"/> date.</summary>
public sealed record PricePlan(string Id, string Name, string Currency, IReadOnlyList<PlanVersion> Versions)
{
    /// <summary>The version in force on <paramref name="date"/> (in the account's zone), or null before the first one.</summary>
    public PlanVersion? VersionOn(LocalDate date)
    {
        PlanVersion? found = null;
        foreach (var version in Versions)
        {
            if (version.EffectiveFrom <= date && (found is null || version.EffectiveFrom > found.EffectiveFrom))
            {
                found = version;
            }
        }

        return found;
    }
}
