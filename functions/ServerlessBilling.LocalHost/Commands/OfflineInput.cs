using NodaTime;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>What the offline verbs read: a checked plan, the zone of local times, the calls of the input file and the lines that
/// could not be read (each with its line number and the field at fault).</summary>
public sealed record OfflineInput(PricePlan Plan, DateTimeZone Zone, IReadOnlyList<UsageEvent> Calls, IReadOnlyList<CdrLine> BadLines)
{
    /// <summary>Reads the settings' files; a missing <c>--zone</c> is warned about on <paramref name="errors"/>, as are the bad lines.</summary>
    public static OfflineInput From(OfflineSettings settings, TextWriter errors)
    {
        var plan = PlanFile.Read(settings.Plan);
        var zone = settings.TimeZone;
        if (zone is null)
        {
            // The plan names no zone (accounts do), so the file's local times, time bands and period are read in UTC.
            errors.WriteLine("warning: no --zone given: local times, time bands and the billing period are read in UTC.");
            zone = DateTimeZone.Utc;
        }

        var calls = new List<UsageEvent>();
        var bad = new List<CdrLine>();
        foreach (var line in UsageFiles.Read(settings.Input, UsageFiles.FormatOf(settings.Input, settings.InputFormat), zone))
        {
            if (line.Event is { } usage)
            {
                calls.Add(usage);
            }
            else
            {
                bad.Add(line);
                errors.WriteLine($"{settings.Input}#L{line.LineNumber}: {line.Problem}");
            }
        }

        return new OfflineInput(plan, zone, calls, bad);
    }
}
