using System.Collections.Concurrent;
using Numbering = PhoneNumbers.PhoneNumberUtil;
using NumberParseException = PhoneNumbers.NumberParseException;
using PhoneNumberFormat = PhoneNumbers.PhoneNumberFormat;

namespace ServerlessBilling.Usage;

/// <summary>Brings the number spellings sources use ("+1 415 555 0100", "14155550100", "4155550100", "0044 20 7183 8750") to E.164, with the numbering plans of libphonenumber.</summary>
/// <remarks>
/// A number without a leading "+" is read first as a national number of the default region (a US PBX writes 10 or
/// 11 digits), then as an international number written without its "+" ("442071838750"). "00" is read as the
/// international prefix, as in most of the world (libphonenumber only knows it for regions that dial it). What no
/// numbering plan recognises (an extension, an unassigned range) keeps the old rule, "+" and its digits, so it still
/// matches the same spelling elsewhere. SIP URIs, client identities and text without digits ("anonymous") are
/// returned unchanged so attribution can still match them literally. Results are cached: numbers recur in every batch.
/// </remarks>
public static class PhoneNumbers
{
    private const int CacheLimit = 100_000;
    private static readonly Numbering Plans = Numbering.GetInstance();
    private static readonly ConcurrentDictionary<(string Region, string Raw), string> Cache = new();

    /// <summary>The number in E.164, a national spelling read in <paramref name="defaultRegion"/>.</summary>
    public static string ToE164(string raw, PhoneRegion defaultRegion) => ToE164(raw, defaultRegion.Code);

    public static string ToE164(string raw, string defaultRegion)
    {
        var trimmed = raw.Trim();
        if (trimmed.Length == 0 || trimmed.Contains(':', StringComparison.Ordinal) || trimmed.Contains('@', StringComparison.Ordinal)
            || !trimmed.Any(char.IsAsciiDigit))
        {
            return trimmed;
        }

        if (Cache.TryGetValue((defaultRegion, trimmed), out var known))
        {
            return known;
        }

        var e164 = Normalize(trimmed, defaultRegion);
        if (Cache.Count < CacheLimit)
        {
            Cache[(defaultRegion, trimmed)] = e164;
        }

        return e164;
    }

    private static string Normalize(string trimmed, string defaultRegion)
    {
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (trimmed.StartsWith('+'))
        {
            return Valid("+" + digits, null) ?? "+" + digits;
        }

        if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            return Valid("+" + digits[2..], null) ?? "+" + digits[2..];
        }

        return Valid(digits, defaultRegion) ?? Valid("+" + digits, null) ?? Possible(digits, defaultRegion) ?? "+" + digits;
    }

    /// <summary>Whether <paramref name="number"/> is written in E.164 and is a valid number of its country's numbering plan.</summary>
    public static bool IsValidE164(string number) => number.StartsWith('+') && Valid(number, null) == number;

    private static string? Valid(string text, string? region) => Read(text, region, valid: true);

    private static string? Possible(string text, string region) => Read(text, region, valid: false);

    private static string? Read(string text, string? region, bool valid)
    {
        try
        {
            var number = Plans.Parse(text, region);
            var accepted = valid ? Plans.IsValidNumber(number) : Plans.IsPossibleNumber(number);
            return accepted ? Plans.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
