using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Portal;

/// <summary>The usage page's filters; each unset one admits everything.</summary>
/// <param name="Period">Any day of the period to show; the current period when null.</param>
/// <param name="Number">The customer's number (E.164) the calls were made on or to.</param>
/// <param name="Day">Only calls started on this day (account's zone).</param>
/// <param name="Agent">Only calls the vendor attributed to this agent or assistant id.</param>
public sealed record UsageFilter(LocalDate? Period = null, string? Number = null, UsageComponent? Component = null, LocalDate? Day = null, string? Agent = null)
{
    public static UsageFilter None { get; } = new();

    public bool Matches(RatedUsage usage, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return (Number is null || usage.Event.CustomerNumber == Number)
            && (Component is null || usage.Event.Component == Component)
            && (Day is null || usage.Event.StartedAt.InZone(zone).Date == Day)
            && (Agent is null || usage.Event.AgentId == Agent);
    }
}
