using System.Text;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Functions.Portal;

/// <summary>A group parent's locations, each opening the same pages for that location.</summary>
public static class LocationsPage
{
    public static string Render(PortalView view, IReadOnlyList<Account> locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        if (locations.Count == 0)
        {
            return PortalLayout.Page(view, PortalSection.Locations, "Locations", "<p>This account has no locations.</p>");
        }

        var items = new StringBuilder();
        foreach (var location in locations)
        {
            var query = Html.Query(("account", location.Id));
            items.Append($"""
                <li data-location="{Html.Encode(location.Id)}"><a href="{PortalLayout.Root}{query}">{Html.Encode(location.Name)}</a>
                <span class="account-id">({Html.Encode(location.Id)})</span>:
                <a href="{PortalLayout.Root}/invoices{query}">invoices<span class="visually-hidden"> of {Html.Encode(location.Name)}</span></a>,
                <a href="{PortalLayout.Root}/usage{query}">usage<span class="visually-hidden"> of {Html.Encode(location.Name)}</span></a></li>
                """);
        }

        return PortalLayout.Page(view, PortalSection.Locations, "Locations", $"""<ul class="locations">{items}</ul>""");
    }
}
