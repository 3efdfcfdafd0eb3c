using ServerlessBilling.Hosting;

namespace ServerlessBilling.Cycles;

/// <summary>When closes start, section <c>Cycles</c>; maps to <see cref="CycleScheduleOptions"/>.</summary>
public sealed class CyclesSettings : ISettingsSection
{
    public static string Section => "Cycles";

    /// <summary>Hours after a period ends before it closes, so late events still make the invoice (default 24).</summary>
    public double? GraceHours { get; set; }

    /// <summary>Closes started at once by the daily check (default 8).</summary>
    public int? MaxConcurrentStarts { get; set; }

    public IEnumerable<string> Problems() =>
    [
        .. GraceHours is < 0 || GraceHours is double.NaN ? ["Cycles:GraceHours: must not be negative."] : Array.Empty<string>(),
        .. MaxConcurrentStarts is < 1 ? ["Cycles:MaxConcurrentStarts: must be at least 1."] : Array.Empty<string>(),
    ];

    public CycleScheduleOptions ToOptions()
    {
        var defaults = CycleScheduleOptions.Default;
        return defaults with
        {
            Grace = GraceHours is { } hours ? NodaTime.Duration.FromHours(hours) : defaults.Grace,
            MaxConcurrentStarts = MaxConcurrentStarts ?? defaults.MaxConcurrentStarts,
        };
    }
}
