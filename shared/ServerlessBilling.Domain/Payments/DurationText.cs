using System.Globalization;

namespace ServerlessBilling.Payments;

/// <summary>Reads durations as settings write them: <c>3d</c>, <c>12h</c>, <c>30m</c>, <c>45s</c>, or a .NET <c>d.hh:mm:ss</c> span.</summary>
public static class DurationText
{
    public static TimeSpan Parse(string text, string setting)
    {
        var value = text.Trim();
        if (value.Length > 1 && char.IsLetter(value[^1])
            && decimal.TryParse(value[..^1], NumberStyles.Number, CultureInfo.InvariantCulture, out var count) && count >= 0)
        {
            var unit = char.ToLowerInvariant(value[^1]) switch
            {
                'd' => TimeSpan.FromDays(1),
                'h' => TimeSpan.FromHours(1),
                'm' => TimeSpan.FromMinutes(1),
                's' => TimeSpan.FromSeconds(1),
                _ => (TimeSpan?)null,
            };
            if (unit is { } u)
            {
                return TimeSpan.FromTicks((long)(u.Ticks * count));
            }
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span)
            ? span
            : throw new FormatException($"{setting}: '{text}' is not a duration (use e.g. 3d, 12h, 30m, 45s or d.hh:mm:ss).");
    }

    public static IReadOnlyList<TimeSpan> ParseList(string text, string setting) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => Parse(t, setting))];
}
