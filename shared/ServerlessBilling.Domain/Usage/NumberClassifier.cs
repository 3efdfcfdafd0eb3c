using System.Collections.Concurrent;
using PhoneNumbers;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Usage;

/// <summary>Tells local, mobile, toll-free and premium numbers apart from their E.164 form, with the numbering plans of libphonenumber.</summary>
/// <remarks>
/// North American numbers are mostly "fixed line or mobile" (the plan does not say which); those count as
/// <see cref="NumberType.Local"/>. Results are cached: the same numbers recur in every batch.
/// </remarks>
public static class NumberClassifier
{
    private const int CacheLimit = 100_000;
    private static readonly PhoneNumberUtil Numbering = PhoneNumberUtil.GetInstance();
    private static readonly ConcurrentDictionary<string, NumberType?> Cache = new(StringComparer.Ordinal);

    /// <returns>The type, or null when the text is not a valid E.164 number (a SIP URI, a client name).</returns>
    public static NumberType? Classify(string e164)
    {
        if (Cache.TryGetValue(e164, out var known))
        {
            return known;
        }

        var type = ClassifyUncached(e164);
        if (Cache.Count < CacheLimit)
        {
            Cache[e164] = type;
        }

        return type;
    }

    private static NumberType? ClassifyUncached(string e164)
    {
        if (!e164.StartsWith('+'))
        {
            return null;
        }

        try
        {
            var number = Numbering.Parse(e164, null);
            return Numbering.GetNumberType(number) switch
            {
                PhoneNumberType.FIXED_LINE or PhoneNumberType.FIXED_LINE_OR_MOBILE => NumberType.Local,
                PhoneNumberType.MOBILE => NumberType.Mobile,
                PhoneNumberType.TOLL_FREE => NumberType.TollFree,
                PhoneNumberType.PREMIUM_RATE => NumberType.Premium,
                _ => NumberType.Other,
            };
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
