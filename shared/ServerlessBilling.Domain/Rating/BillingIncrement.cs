using System.Globalization;
using System.Text.Json.Serialization;

namespace ServerlessBilling.Rating;

/// <summary>How call time is rounded before it is priced, written first/next seconds: 60/60, 30/6, 6/6, 1/1.</summary>
/// <remarks>
/// A connected call is billed at least <see cref="FirstSeconds"/>; time beyond that is rounded up to whole
/// <see cref="NextSeconds"/> steps. A zero-second call bills zero here: whether it costs anything is the
/// plan's attempt rule, not the increment's.
/// </remarks>
[JsonConverter(typeof(BillingIncrementJsonConverter))]
public readonly record struct BillingIncrement(int FirstSeconds, int NextSeconds)
{
    public static readonly BillingIncrement PerSecond = new(1, 1);
    public static readonly BillingIncrement PerMinute = new(60, 60);

    public int BillableSeconds(int durationSeconds) => BillableSeconds(durationSeconds, null);

    /// <summary>Billable time when the step size changes during the call (<paramref name="stages"/>, ordered by
    /// <see cref="IncrementStage.AfterSeconds"/>): each step is as long as the stage in force where it starts.</summary>
    /// <remarks>"30/30" with a stage of 10 s after 60 s bills a 45 s call 60 s and a 61 s call 70 s. A step that starts
    /// before a stage begins keeps the earlier size, so a stage never cuts a step short.</remarks>
    public int BillableSeconds(int durationSeconds, IReadOnlyList<IncrementStage>? stages)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(durationSeconds);
        if (durationSeconds == 0)
        {
            return 0;
        }

        long at = FirstSeconds;
        var size = NextSeconds;
        foreach (var stage in stages ?? [])
        {
            if (at >= durationSeconds)
            {
                break;
            }

            if (stage.AfterSeconds > at)
            {
                at += StepsCovering(Math.Min(durationSeconds, stage.AfterSeconds) - at, size) * size;
            }

            size = stage.NextSeconds;
        }

        return checked((int)(at >= durationSeconds ? at : at + (StepsCovering(durationSeconds - at, size) * size)));
    }

    /// <summary>Where the increment that starts at <paramref name="elapsedSeconds"/> of billed time ends.</summary>
    public int IncrementEnd(int elapsedSeconds, IReadOnlyList<IncrementStage>? stages)
    {
        if (elapsedSeconds == 0)
        {
            return FirstSeconds;
        }

        var size = NextSeconds;
        foreach (var stage in stages ?? [])
        {
            if (stage.AfterSeconds <= elapsedSeconds)
            {
                size = stage.NextSeconds;
            }
        }

        return checked(elapsedSeconds + size);
    }

    private static long StepsCovering(long seconds, int size) => (seconds + size - 1) / size;

    public static bool TryParse(string? text, out BillingIncrement increment)
    {
        increment = default;
        var parts = text?.Split('/');
        if (parts is not [var first, var next]
            || !int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var firstSeconds)
            || !int.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out var nextSeconds)
            || firstSeconds < 1 || nextSeconds < 1)
        {
            return false;
        }

        increment = new BillingIncrement(firstSeconds, nextSeconds);
        return true;
    }

    public override string ToString() => $"{FirstSeconds}/{NextSeconds}";
}
