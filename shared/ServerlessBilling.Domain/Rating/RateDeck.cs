using System.Runtime.CompilerServices;
using ServerlessBilling.Accounts;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>A plan version's rate rows indexed for lookup: per component, rows by prefix, so finding the longest
/// matching prefix is one dictionary probe per digit and allocates nothing.</summary>
internal sealed class RateDeck
{
    private static readonly ConditionalWeakTable<PlanVersion, RateDeck> Compiled = [];

    private readonly Dictionary<UsageComponent, Dictionary<string, RateRow[]>> rowsByComponent = [];
    private readonly int longestPrefix;

    private RateDeck(PlanVersion version)
    {
        VersionKey = version.EffectiveFrom.ToString("yyyy-MM-dd", null);
        foreach (var group in (version.UsageRates ?? []).GroupBy(r => r.Component))
        {
            rowsByComponent[group.Key] = group
                .GroupBy(r => r.Prefix ?? string.Empty, StringComparer.Ordinal)
                .ToDictionary(
                    g => g.Key,
                    g => g.OrderByDescending(r => r.Specificity).Select(r => new RateRow(r, r.Describe())).ToArray(),
                    StringComparer.Ordinal);
        }

        longestPrefix = (version.UsageRates ?? []).Max(r => (int?)r.Prefix?.Length) ?? 0;
    }

    /// <summary>The version's effective-from date as charges record it.</summary>
    public string VersionKey { get; }

    public static RateDeck For(PlanVersion version) => Compiled.GetValue(version, v => new RateDeck(v));

    /// <summary>The row for a call: longest prefix of <paramref name="digits"/> first, then the most specific row whose keys all match.</summary>
    public RateRow? Find(UsageComponent component, CallDirection direction, NumberType? numberType, ReadOnlySpan<char> digits, string? band)
    {
        if (!rowsByComponent.TryGetValue(component, out var byPrefix))
        {
            return null;
        }

        var lookup = byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var length = Math.Min(longestPrefix, digits.Length); length >= 0; length--)
        {
            if (!lookup.TryGetValue(digits[..length], out var rows))
            {
                continue;
            }

            foreach (var row in rows)
            {
                var rate = row.Rate;
                if ((rate.Direction is null || rate.Direction == direction)
                    && (rate.NumberType is null || rate.NumberType == numberType)
                    && (rate.Band is null || string.Equals(rate.Band, band, StringComparison.Ordinal)))
                {
                    return row;
                }
            }
        }

        return null;
    }

    /// <summary>The digits of an E.164 number without "+"; empty for SIP URIs and client names, which only match rows without a prefix.</summary>
    public static ReadOnlySpan<char> DigitsOf(string number)
    {
        var digits = number.AsSpan().TrimStart('+');
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return [];
            }
        }

        return digits;
    }
}
