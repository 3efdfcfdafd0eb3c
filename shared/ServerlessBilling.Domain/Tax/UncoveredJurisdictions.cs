using System.Globalization;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Tax;

/// <summary>The states an invoice is used in that no tax table covers, as <see cref="TaxNoticeReason.JurisdictionNotCovered"/> notices.</summary>
/// <remarks>
/// An address the table's federal jurisdiction covers but none of its state, county or city jurisdictions does is taxed by the
/// federal rules only (Colorado, Oregon, New York outside New York City with the shipped tables). That may be right (no state
/// obligation) or a missing table, and only the reseller can tell, so the invoice says which it was rather than looking fully
/// taxed. One notice per state of the invoice, whatever number of lines or charges are used there; the addresses looked at are
/// the account's, its charges' and its line groups'. An address in a country the table has no federal jurisdiction for is not
/// taxed by this table at all and raises nothing.
/// </remarks>
public static class UncoveredJurisdictions
{
    public static IEnumerable<TaxNotice> Notices(TaxTable table, TaxRequest request)
    {
        var federal = table.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Federal).ToList();
        var local = table.Jurisdictions.Where(j => j.Level != JurisdictionLevel.Federal).ToList();
        var addresses = new[] { request.ServiceAddress }
            .Concat(request.Items.Select(i => i.ServiceAddress).OfType<PostalAddress>())
            .Concat(request.Lines.Select(l => l.Address));
        return addresses
            .Where(a => !local.Any(j => j.Covers(a)))
            .Select(a => (Address: a, Country: federal.FirstOrDefault(j => j.Covers(a))?.Country))
            .Where(a => a.Country is not null)
            .GroupBy(a => $"{a.Country}-{State(a.Address.Region)}", StringComparer.Ordinal)
            .Select(state => Notice(state.Key, [.. state.Select(a => a.Address.City.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)], request));
    }

    /// <summary>A consolidated invoice's notices with each uncovered state said once: the locations whose notices read alike are named
    /// together on the first (in order), so ten offices in Denver make one line on the invoice, not ten.</summary>
    public static IReadOnlyList<TaxNotice> OncePerState(IReadOnlyList<TaxNotice> notices)
    {
        var alike = notices.Where(n => n.Reason == TaxNoticeReason.JurisdictionNotCovered)
            .GroupBy(n => (n.RuleKey, n.Detail, n.Date))
            .ToDictionary(g => g.First(), g => string.Join(", ", g.Select(n => n.Location).OfType<string>().Distinct(StringComparer.Ordinal)));
        return [.. notices
            .Where(n => n.Reason != TaxNoticeReason.JurisdictionNotCovered || alike.ContainsKey(n))
            .Select(n => alike.TryGetValue(n, out var locations) ? n with { Location = locations.Length == 0 ? null : locations } : n)];
    }

    /// <summary>The region as its postal code when it is a US state typed by name ("Colorado"), so both spellings make one notice.</summary>
    private static string State(string region) =>
        UspsStates.ByName.FirstOrDefault(s => string.Equals(s.Key, region.Trim(), StringComparison.OrdinalIgnoreCase)).Value
            ?? region.Trim().ToUpperInvariant();

    private static TaxNotice Notice(string key, IReadOnlyList<string> cities, TaxRequest request) =>
        new(key, TaxNoticeReason.JurisdictionNotCovered,
            $"no tax table covers {string.Join(", ", cities)}, {key[(key.IndexOf('-', StringComparison.Ordinal) + 1)..]}: only the federal rules were applied; "
                + "store a table for the state if taxes are owed there")
        {
            Date = request.InvoiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
}
