using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Rating;

/// <summary>A named window of local time, e.g. peak = Monday–Friday 08:00–18:00.</summary>
/// <remarks>
/// <see cref="From"/> is included and <see cref="To"/> is not; a window whose end is before its start runs over
/// midnight (22:00–06:00), and belongs to the day it starts on. A time that falls in no band is in none: only
/// rates without a band match it. Bands are read in the account's zone, so a DST change moves them with the clock.
/// A window whose start equals its end covers whole days. A band applies on its <see cref="Days"/> of the week and on its
/// yearly <see cref="Dates"/> (public holidays), so a holiday band listed before the others prices those days alike every year.
/// </remarks>
/// <param name="From">Start of the window, written "HH:MM" or "HH:MM:SS".</param>
/// <param name="To">End of the window (excluded), written "HH:MM" or "HH:MM:SS".</param>
public sealed record TimeBand(
    string Name,
    IReadOnlyList<IsoDayOfWeek> Days,
    [property: JsonConverter(typeof(BandTimeJsonConverter))] LocalTime From,
    [property: JsonConverter(typeof(BandTimeJsonConverter))] LocalTime To)
{
    /// <summary>Dates the band applies on every year ("12-25"), besides its <see cref="Days"/>; null for none. 29 February counts in leap years only.</summary>
    public IReadOnlyList<AnnualDate>? Dates { get; init; }

    /// <summary>Which day a date of <see cref="Dates"/> that falls on a weekend is kept on.</summary>
    public ObservedDay Observed { get; init; } = ObservedDay.Actual;

    public bool Contains(LocalDateTime local)
    {
        var time = local.TimeOfDay;
        if (From < To)
        {
            return AppliesOn(local.Date) && time >= From && time < To;
        }

        // Over midnight: the evening part is on a listed day, the morning part on the day after one.
        return (time >= From && AppliesOn(local.Date))
            || (time < To && AppliesOn(local.Date.PlusDays(-1)));
    }

    /// <summary>Whether the band's window opens on <paramref name="date"/>: a listed day of the week, or a yearly date as observed.</summary>
    public bool AppliesOn(LocalDate date)
    {
        if (Days.Contains(date.DayOfWeek))
        {
            return true;
        }

        foreach (var annual in Dates ?? [])
        {
            // An observed day can fall in the year before or after the date's own year (1 January on a Saturday, 31 December on a Sunday).
            for (var year = date.Year - 1; year <= date.Year + 1; year++)
            {
                if (annual.IsValidYear(year) && ObservedOn(annual.InYear(year)) == date)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private LocalDate ObservedOn(LocalDate date) => Observed switch
    {
        ObservedDay.NearestWeekday when date.DayOfWeek == IsoDayOfWeek.Saturday => date.PlusDays(-1),
        ObservedDay.NearestWeekday when date.DayOfWeek == IsoDayOfWeek.Sunday => date.PlusDays(1),
        _ => date,
    };

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
