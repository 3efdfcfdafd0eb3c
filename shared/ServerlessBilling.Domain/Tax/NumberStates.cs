using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ServerlessBilling.Usage;
using Geocoding = PhoneNumbers.PhoneNumberOfflineGeocoder;
using Locale = PhoneNumbers.Locale;
using Numbering = PhoneNumbers.PhoneNumberUtil;
using UsageNumbers = ServerlessBilling.Usage.PhoneNumbers;

namespace ServerlessBilling.Tax;

/// <summary>The US state a telephone number belongs to, from libphonenumber's offline geocoder, and from the two ends of a call
/// its <see cref="UsageJurisdiction"/>.</summary>
/// <remarks>
/// The geocoder places a North American number by the block (NPA-NXX) it was issued from: "San Francisco, CA" for a 415 number,
/// "Washington State" for a 206 one. That is the NPA-NXX sourcing tax services accept for usage, and it says where the number was
/// issued, not where a ported or mobile number is used that day. Toll-free and other non-geographic numbers, numbers of other
/// NANP countries (Canada, Puerto Rico, the Caribbean) and anything that is not a valid E.164 number have no state. Results are
/// cached: numbers recur in every invoice.
/// </remarks>
public static partial class NumberStates
{
    private const int CacheLimit = 100_000;
    private static readonly Numbering Plans = Numbering.GetInstance();
    private static readonly Geocoding Geocoder = Geocoding.GetInstance();
    private static readonly ConcurrentDictionary<string, Place> Cache = new(StringComparer.Ordinal);

    /// <summary>The two-letter USPS code of the state (or DC) <paramref name="e164"/> was issued in; null when it has none.</summary>
    public static string? StateOf(string e164) => PlaceOf(e164).State;

    /// <summary>Intrastate when both numbers are in one state, interstate when in two, international when one is in a state and the
    /// other a valid number outside the United States; null when that cannot be told (an end without a state, or neither in the US).</summary>
    public static UsageJurisdiction? JurisdictionOf(string from, string to) => JurisdictionOf(from, null, to, null);

    /// <summary>As <see cref="JurisdictionOf(string, string)"/>, with an end's state given where it is known (its place of primary use):
    /// a given state takes the place of the one the number was issued in, and places a number that has none (toll-free).</summary>
    public static UsageJurisdiction? JurisdictionOf(string from, string? fromState, string to, string? toState)
    {
        var (a, b) = (fromState is null ? PlaceOf(from) : new Place(fromState, Abroad: false), toState is null ? PlaceOf(to) : new Place(toState, Abroad: false));
        return (a, b) switch
        {
            ({ State: { } one }, { State: { } other }) => one == other ? UsageJurisdiction.Intrastate : UsageJurisdiction.Interstate,
            ({ State: not null }, { Abroad: true }) or ({ Abroad: true }, { State: not null }) => UsageJurisdiction.International,
            _ => null,
        };
    }

    /// <summary>The jurisdiction of <paramref name="call"/>'s calling and called numbers (<see cref="JurisdictionOf(string, string)"/>).</summary>
    public static UsageJurisdiction? JurisdictionOf(UsageEvent call) => JurisdictionOf(call.From, call.To);

    private static Place PlaceOf(string e164)
    {
        if (Cache.TryGetValue(e164, out var known))
        {
            return known;
        }

        var place = Locate(e164);
        if (Cache.Count < CacheLimit)
        {
            Cache[e164] = place;
        }

        return place;
    }

    private static Place Locate(string e164)
    {
        if (!e164.StartsWith('+') || !UsageNumbers.IsValidE164(e164))
        {
            return default;
        }

        var number = Plans.Parse(e164, null);
        var region = Plans.GetRegionCodeForNumber(number);
        if (region != "US")
        {
            // Another NANP country (its own region code) is abroad too; an unknown region ("ZZ") is nowhere known.
            return new Place(null, Abroad: region is not null and not "ZZ");
        }

        var description = Geocoder.GetDescriptionForNumber(number, Locale.English);
        var city = CityAndState().Match(description);
        var state = city.Success && UspsStates.Codes.Contains(city.Groups[1].Value)
            ? city.Groups[1].Value
            : UspsStates.ByName.GetValueOrDefault(description);
        return new Place(state, Abroad: false);
    }

    [GeneratedRegex(", ([A-Z]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex CityAndState();

    private readonly record struct Place(string? State, bool Abroad);
}
