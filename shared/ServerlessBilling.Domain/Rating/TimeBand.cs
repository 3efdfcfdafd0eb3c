using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Rating;

/// <summary>A named window of local time, e.g. peak = Monday–Friday 08:00–18:00.</summary>
/// <remarks>
/// <see cref="From"/> is included and <see cref="To"/> is not; a window whose end is before its start runs over
/// midnight (22:00–06:00), and belongs to the day it starts on. A time that falls in no band is in none: only
/// rates without a band match it. Bands are read in the account's zone, so a DST change moves them with the clock.
/// </remarks>
/// <param name="From">Start of the window, written "HH:MM" or "HH:MM:SS".</param>
/// <param name="To">End of the window (excluded), written "HH:MM" or "HH:MM:SS".</param>
public sealed record TimeBand(
    string Name,
    IReadOnlyList<IsoDayOfWeek> Days,
    [property: JsonConverter(typeof(BandTimeJsonConverter))] LocalTime From,
    [property: JsonConverter(typeof(BandTimeJsonConverter))] LocalTime To)
{
    public bool Contains(LocalDateTime local)
    {
        var time = local.TimeOfDay;
        if (From < To)
        {
            return Days.Contains(local.DayOfWeek) && time >= From && time < To;
        }

        // Over midnight: the evening part is on a listed day, the morning part on the day after one.
        return (time >= From && Days.Contains(local.DayOfWeek))
            || (time < To && Days.Contains(local.Date.PlusDays(-1).DayOfWeek));
    }

    /// <summary>The first band of <paramref name="bands"/> containing the time, or null.</summary>
    public static string? At(IReadOnlyList<TimeBand>? bands, LocalDateTime local)
    {
        if (bands is null)
        {
            return null;
        }

        foreach (var band in bands)
        {
            if (band.Contains(local))
            {
                return band.Name;
            }
        }

        return null;
    }
}
