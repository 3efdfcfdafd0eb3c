using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>What the offline verbs read: a checked plan, the zone of local times, and the calls of the input file.</summary>
public sealed record OfflineInput(PricePlan Plan, DateTimeZone Zone, IEnumerable<UsageEvent> Calls)
{
    /// <summary>From <c>--plan</c>, <c>--zone</c> (UTC by default), <c>--input</c> and <c>--format</c>; unreadable lines are reported on <paramref name="errors"/>.</summary>
    public static OfflineInput From(CommandOptions options, TextWriter errors)
    {
        var plan = PlanFile.Read(options.Required("--plan"));
        var input = options.Required("--input");
        var zone = DateTimeZoneProviders.Tzdb[options.Get("--zone") ?? "UTC"];
        return new OfflineInput(plan, zone, UsageFiles.Read(input, UsageFiles.FormatOf(input, options.Get("--format")), zone, errors));
    }
}
