using ServerlessBilling.Hosting;

namespace ServerlessBilling.Rating;

/// <summary>Section <c>Rating</c>: how long rating keeps what it looks up for every call.</summary>
public sealed class RatingSettings : ISettingsSection
{
    public static string Section => "Rating";

    /// <summary>Seconds rating keeps a number's or agent's holders and a plan it read (default 30; 0 reads them for every call).</summary>
    /// <remarks>Writes through this instance (an assignment, an account or plan change) clear what it keeps at once; a write made by
    /// another instance reaches this one's rating within this many seconds. What was not found is never kept, so a number
    /// assigned anywhere is billed from its first call.</remarks>
    public int? LookupCacheSeconds { get; set; }

    /// <summary>Write a message's identity claims and usage rows in entity group transactions, per partition (default true); false
    /// writes them one call at a time, as before batching (to measure against).</summary>
    public bool? BatchWrites { get; set; }

    /// <summary>Write the claims and usage rows of the messages rated at the same time in this instance together (default false): the
    /// messages that arrive while one write is in flight share the next one's transactions (<see cref="CallGathering"/>). Fewer
    /// requests, the same rows: on Azurite the acknowledgements' tail did not move (docs/performance.md, "What rating sends while
    /// deliveries wait").</summary>
    public bool? GatherWrites { get; set; }

    /// <summary>Minutes before its period's end until which a call is placed in its period without reading whether the period's close
    /// has started (default 60; 0 reads it for every call): see <see cref="LateUsagePlacement"/>.</summary>
    public int? OpenPeriodMarginMinutes { get; set; }

    /// <summary>The most saved CDR windows (10,000 lines each) one instance rates at once (default
    /// <see cref="CountedUsageRating.DefaultWindowsAtOnce"/>, 1 to <see cref="CountedUsageRating.MaxWindowsAtOnce"/>): more overlap one
    /// window's reading with another's storage writes, and each adds its billed calls, claims and rows to the working set.</summary>
    public int? WindowsAtOnce { get; set; }

    public IEnumerable<string> Problems() =>
    [
        .. WindowsAtOnce is < 1 or > CountedUsageRating.MaxWindowsAtOnce
            ? [$"Rating:WindowsAtOnce: must be between 1 and {CountedUsageRating.MaxWindowsAtOnce}."] : Array.Empty<string>(),
        .. LookupCacheSeconds is < 0 or > 3600 ? ["Rating:LookupCacheSeconds: must be between 0 and 3600."] : Array.Empty<string>(),
        .. OpenPeriodMarginMinutes is < 0 or > 10080 ? ["Rating:OpenPeriodMarginMinutes: must be between 0 and 10080."] : Array.Empty<string>(),
    ];

    /// <summary>Null when every call reads the cycle ledger.</summary>
    public NodaTime.Duration? OpenPeriodMargin => OpenPeriodMarginMinutes switch
    {
        0 => null,
        { } minutes => NodaTime.Duration.FromMinutes(minutes),
        null => NodaTime.Duration.FromMinutes(60),
    };

    public TimeSpan LookupCacheTime => TimeSpan.FromSeconds(LookupCacheSeconds ?? 30);
}
