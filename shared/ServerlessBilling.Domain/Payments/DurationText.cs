using System.Globalization;
using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>Reads durations as settings write them: <c>3d</c>, <c>12h</c>, <c>30m</c>, <c>45s</c>, or a .NET <c>d.hh:mm:ss</c> span.</summary>
public static class DurationText
{
    public static Duration Parse(string text, string setting)
    {
        var value = text.Trim();
        if (value.Length > 1 && char.IsLetter(value[^1])
            && decimal.TryParse(value[..^1], NumberStyles.Number, CultureInfo.InvariantCulture, out var count) && count >= 0)
        {
            var unit = char.ToLowerInvariant(value[^1]) switch
            {
                'd' => Duration.FromDays(1),
                'h' => Duration.FromHours(1),
                'm' => Duration.FromMinutes(1),
                's' => Duration.FromSeconds(1),
                _ => (Duration?)null,
            };
            if (unit is { } u)
            {
                return Duration.FromTicks((long)(u.BclCompatibleTicks * count));
            }
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span)
            ? Duration.FromTimeSpan(span)
            : throw new FormatException($"{setting}: '{text}' is not a duration (use e.g. 3d, 12h, 30m, 45s or d.hh:mm:ss).");
    }

    public static IReadOnlyList<Duration> ParseList(string text, string setting) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => Parse(t, setting))];
}
