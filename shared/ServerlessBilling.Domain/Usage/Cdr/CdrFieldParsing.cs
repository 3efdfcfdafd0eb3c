using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace ServerlessBilling.Usage.Cdr;

/// <summary>Field readings the CSV formats share: PBX local times, whole seconds, stable ids for lines without one.</summary>
public static class CdrFieldParsing
{
    private static readonly LocalDateTimePattern LocalTime = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss");
    private static readonly LocalDateTimePattern LocalIso = LocalDateTimePattern.ExtendedIso;
    private static readonly OffsetDateTimePattern OffsetIso = OffsetDateTimePattern.ExtendedIso;

    /// <summary>Reads an optional local time (an answer or end stamp): empty is null; anything else must be a time.</summary>
    public static bool TryParseOptionalLocalTime(string text, DateTimeZone zone, out Instant? instant)
    {
        instant = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (!TryParseLocalTime(text, zone, out var value))
        {
            return false;
        }

        instant = value;
        return true;
    }

    /// <summary>Reads <c>2024-11-14 16:14:15</c> as a local time in the PBX's zone.</summary>
    /// <remarks>A time in a daylight-saving gap is moved forward; an ambiguous one takes the earlier offset.</remarks>
    public static bool TryParseLocalTime(string text, DateTimeZone zone, out Instant instant)
    {
        // Every CSV line has one: reading the fixed digits directly is several times faster than a general pattern.
        if (TryReadFixedLocalTime(text, out var local))
        {
            instant = local.InZoneLeniently(zone).ToInstant();
            return true;
        }

        var parsed = LocalTime.Parse(text);
        instant = parsed.Success ? parsed.Value.InZoneLeniently(zone).ToInstant() : default;
        return parsed.Success;
    }

    /// <summary>Reads exactly <c>yyyy-MM-dd HH:mm:ss</c>; anything else (or an impossible date) is left to the pattern.</summary>
    private static bool TryReadFixedLocalTime(string text, out LocalDateTime local)
    {
        local = default;
        if (text.Length != 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        if (!TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day)
            || !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        local = new LocalDateTime(year, month, day, hour, minute, second);
        return true;
    }

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    /// <summary>Reads an ISO 8601 time with an offset (<c>2024-11-14T22:14:19Z</c>, <c>...+01:00</c>), or without one as a local time in <paramref name="zone"/>, or the PBX form.</summary>
    public static bool TryParseAnyTime(string text, DateTimeZone zone, out Instant instant)
    {
        var withOffset = OffsetIso.Parse(text);
        if (withOffset.Success)
        {
            instant = withOffset.Value.ToInstant();
            return true;
        }

        var local = LocalIso.Parse(text);
        if (local.Success)
        {
            instant = local.Value.InZoneLeniently(zone).ToInstant();
            return true;
        }

        return TryParseLocalTime(text, zone, out instant);
    }

    public static bool TryParseSeconds(string text, out int seconds) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);

    /// <summary>A stable id from a line's identity fields, for lines whose source logged no id of its own.</summary>
    public static string IdentityHash(params ReadOnlySpan<string> identity)
    {
        var joined = string.Join('\u001f', identity);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)))[..32];
    }
}
