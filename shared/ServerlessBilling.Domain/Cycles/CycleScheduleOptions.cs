using NodaTime;

namespace ServerlessBilling.Cycles;

/// <summary>How the daily check for due closes behaves.</summary>
/// <param name="Grace">How long after a period ends its close waits, so late CDR dumps are billed in it.</param>
/// <param name="MaxConcurrentStarts">How many closes are started at once (storage and engine calls in flight).</param>
/// <param name="PageSize">Accounts read per directory page.</param>
public sealed record CycleScheduleOptions(Duration Grace, int MaxConcurrentStarts = 8, int PageSize = 200)
{
    public static readonly CycleScheduleOptions Default = new(Duration.FromHours(24));
}
