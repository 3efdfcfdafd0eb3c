using ServerlessBilling.Payments;

namespace ServerlessBilling.Hosting;

/// <summary>Checks of settings written as text, each problem naming the setting (<c>Dunning:LateFee:Grace</c>).</summary>
internal static class SettingText
{
    public static bool IsSet(string? value) => !string.IsNullOrWhiteSpace(value);

    /// <summary>A problem when a set value is not a duration as <see cref="DurationText"/> reads them (<c>3d</c>, <c>12h</c>, <c>d.hh:mm:ss</c>).</summary>
    public static IEnumerable<string> DurationProblems(string key, string? value, bool list = false)
    {
        if (!IsSet(value))
        {
            yield break;
        }

        string? problem = null;
        try
        {
            _ = list ? DurationText.ParseList(value!, key) : [DurationText.Parse(value!, key)];
        }
        catch (FormatException e)
        {
            problem = e.Message;
        }

        if (problem is not null)
        {
            yield return problem;
        }
    }

    public static NodaTime.Duration? Duration(string? value, string key) => IsSet(value) ? DurationText.Parse(value!, key) : null;

    /// <summary>A problem when a set enum value is a number that names no member (the binder accepts any number).</summary>
    public static IEnumerable<string> EnumProblems<TEnum>(string key, TEnum? value)
        where TEnum : struct, Enum
    {
        if (value is { } v && !Enum.IsDefined(v))
        {
            yield return $"{key}: '{v}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.";
        }
    }
}
