using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Portal;

/// <summary>The usage page's filters; each unset one admits everything.</summary>
/// <param name="Period">Any day of the period to show; the current period when null.</param>
/// <param name="Number">The customer's number (E.164) the calls were made on or to.</param>
/// <param name="Day">Only calls started on this day (account's zone).</param>
public sealed record UsageFilter(LocalDate? Period = null, string? Number = null, UsageComponent? Component = null, LocalDate? Day = null)
{
    public static UsageFilter None { get; } = new();

    public bool Matches(RatedUsage usage, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return (Number is null || usage.Event.CustomerNumber == Number)
            && (Component is null || usage.Event.Component == Component)
            && (Day is null || usage.Event.StartedAt.InZone(zone).Date == Day);
    }
}
