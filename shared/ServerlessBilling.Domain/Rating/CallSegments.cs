using NodaTime;

namespace ServerlessBilling.Rating;

/// <summary>Where a call crosses time-band boundaries: the elapsed second each part starts at and its band.</summary>
internal static class CallSegments
{
    /// <summary>Parts of the call in order; the first starts at 0. Consecutive parts in the same band are merged.</summary>
    public static List<(int From, string? Band)> ByBand(ZonedDateTime start, int durationSeconds, IReadOnlyList<TimeBand> bands)
    {
        var zone = start.Zone;
        var startInstant = start.ToInstant();
        var cuts = new SortedSet<int>();
        for (var day = start.Date.PlusDays(-1); day <= start.Plus(Duration.FromSeconds(durationSeconds)).Date; day = day.PlusDays(1))
        {
            foreach (var time in bands.SelectMany(b => new[] { b.From, b.To }).Append(LocalTime.Midnight))
            {
                var offset = (day.At(time).InZoneLeniently(zone).ToInstant() - startInstant).TotalSeconds;
                if (offset > 0 && offset < durationSeconds)
                {
                    cuts.Add((int)Math.Ceiling(offset));
                }
            }
        }

        var parts = new List<(int From, string? Band)> { (0, TimeBand.At(bands, start.LocalDateTime)) };
        foreach (var cut in cuts)
        {
            var band = TimeBand.At(bands, start.Plus(Duration.FromSeconds(cut)).LocalDateTime);
            if (band != parts[^1].Band)
            {
                parts.Add((cut, band));
            }
        }

        return parts;
    }
}
