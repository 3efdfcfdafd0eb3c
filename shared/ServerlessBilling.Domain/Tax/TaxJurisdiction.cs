using ServerlessBilling.Accounts;

namespace ServerlessBilling.Tax;

/// <summary>A taxing authority and the service addresses it covers.</summary>
/// <param name="Code">Stable id used by rules, e.g. <c>US</c>, <c>US-CA</c>, <c>US-NY-NYC</c>.</param>
/// <param name="Region">The state's postal code (<c>CA</c>); null for a federal jurisdiction.</param>
/// <param name="City">The city an address must be in; null when the whole region is covered.</param>
/// <param name="ExcludedCities">Cities of the region the jurisdiction does not cover (Illinois' statewide 911 surcharge stops at Chicago).</param>
/// <remarks>
/// Matching is by the service address's country, region and city name. That is enough for states and for the
/// cities named in the shipped tables; a geocoder that maps a street address to counties and special districts
/// can replace <see cref="Covers"/> later without changing the rules.
/// </remarks>
public sealed record TaxJurisdiction(
    string Code,
    JurisdictionLevel Level,
    string Name,
    string Country = "US",
    string? Region = null,
    string? City = null,
    IReadOnlyList<string>? ExcludedCities = null)
{
    public bool Covers(PostalAddress address)
    {
        if (!Same(CountryCode(address.Country), Country))
        {
            return false;
        }

        if (Region is null)
        {
            return true;
        }

        if (!Same(address.Region, Region))
        {
            return false;
        }

        if (ExcludedCities?.Any(c => Same(c, address.City)) == true)
        {
            return false;
        }

        return City is null || Same(address.City, City);
    }

    /// <summary>Addresses entered by hand say "USA" as often as "US".</summary>
    private static string CountryCode(string country) => Same(country, "USA") ? "US" : country;

    private static bool Same(string left, string right) =>
        string.Equals(left.Trim(), right.Trim(), StringComparison.OrdinalIgnoreCase);
}
