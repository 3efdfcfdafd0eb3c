using System.Text;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.Rating;
using ServerlessBilling.ResellerConsole;

namespace ServerlessBilling.Functions.Console;

/// <summary>The dashboard's margin panels, per currency: billed and margin per month, margin per vendor and component, and the calls
/// that lost the most (each linked to its account). Every line says which cost it rests on.</summary>
public static class MarginPanels
{
    /// <param name="vendors">The vendors the filter offers (those with a cost plan).</param>
    /// <param name="vendor">The vendor the margin per vendor and component is narrowed to; null for every vendor.</param>
    public static string Render(MarginRollUp margins, IReadOnlyList<string> vendors, string? vendor)
    {
        ArgumentNullException.ThrowIfNull(margins);
        ArgumentNullException.ThrowIfNull(vendors);
        if (margins.Currencies.Count == 0)
        {
            return $"""<section aria-labelledby="margin-heading" class="card"><h2 id="margin-heading">Revenue and margin</h2><p>No rated calls in the last {margins.Months} periods of any account.</p></section>""";
        }

        var sections = new StringBuilder(VendorFilter(vendors, vendor));
        foreach (var currency in margins.Currencies)
        {
            sections.Append(Months(currency)).Append(Lines(currency, vendor)).Append(Losses(currency));
        }

        return sections.ToString();
    }

    private static string Months(CurrencyMargin margin)
    {
        var id = margin.Currency.ToLowerInvariant();
        var billed = margin.ByMonth.Select(l => (l.Label, l.Price)).ToList();
        var kept = margin.ByMonth.Select(l => (l.Label, l.Margin)).ToList();
        return $"""
            <section aria-labelledby="months-{id}-heading" class="card">
            <h2 id="months-{id}-heading">Revenue and margin per month, {Html.Encode(margin.Currency)}</h2>
            <figure>{BarChartSvg.Draw($"revenue-{id}", $"Usage billed per month, {margin.Currency}", billed)}</figure>
            <figure>{BarChartSvg.Draw($"margin-{id}", $"Margin per month, {margin.Currency}", kept, "#2e7d32")}</figure>
            {Table($"months-{id}", "Usage billed, cost and margin per month (the month each period starts in)", "Month", margin.Currency, margin.ByMonth)}
            <p>Per-call amounts before bundles and tiers, over each account's last periods; a call's cost is its vendor's reported one, else the one its cost plan expected.</p>
            </section>
            """;
    }

    /// <summary>A form that narrows the margin per vendor and component to one vendor: a plain GET, so it works without script and
    /// the address says what is shown.</summary>
    private static string VendorFilter(IReadOnlyList<string> vendors, string? vendor)
    {
        var options = string.Concat(vendors.Select(v => $"""<option value="{Html.Encode(v)}"{(v == vendor ? " selected" : "")}>{Html.Encode(v)}</option>"""));
        return $"""
            <form method="get" action="{ConsoleLayout.Root}#vendor-filter" class="filters card" id="vendor-filter">
            <label for="vendor">Margin per vendor and component of</label>
            <select id="vendor" name="vendor"><option value=""{(vendor is null ? " selected" : "")}>All vendors</option>{options}</select>
            <button type="submit">Show</button>
            </form>
            """;
    }

    private static string Lines(CurrencyMargin margin, string? vendor)
    {
        var id = margin.Currency.ToLowerInvariant();
        // The margin report labels a line "{component} via {source}", and source names hold no spaces: the suffix names the vendor exactly.
        var lines = vendor is null ? margin.ByVendorAndComponent : [.. margin.ByVendorAndComponent.Where(l => l.Label.EndsWith($" via {vendor}", StringComparison.Ordinal))];
        var points = lines.Select(l => (l.Label, l.Margin)).ToList();
        var of = vendor is null ? "" : $" of {vendor}";
        var content = lines.Count == 0
            ? $"""<p id="vendors-{id}-none">No calls{Html.Encode(of)} in these periods.</p>"""
            : $"""
                <figure>{BarChartSvg.Draw($"vendors-{id}", $"Margin per component and vendor{of}, {margin.Currency}", points, "#2e7d32")}</figure>
                {Table($"vendors-{id}", $"Usage billed, cost and margin per component and vendor{of}", "Component and vendor", margin.Currency, lines)}
                """;
        return $"""
            <section aria-labelledby="vendors-{id}-heading" class="card">
            <h2 id="vendors-{id}-heading">Margin per vendor and component{Html.Encode(of)}, {Html.Encode(margin.Currency)}</h2>
            {content}
            </section>
            """;
    }

    private static string Losses(CurrencyMargin margin)
    {
        var id = margin.Currency.ToLowerInvariant();
        if (margin.LossMaking.Count == 0)
        {
            return $"""<section aria-labelledby="losses-{id}-heading" class="card"><h2 id="losses-{id}-heading">Loss-making calls, {Html.Encode(margin.Currency)}</h2><p id="losses-{id}-none">No call billed less than it cost.</p></section>""";
        }

        var rows = new StringBuilder();
        foreach (var loss in margin.LossMaking)
        {
            var call = loss.Call;
            rows.Append($"""<tr data-event="{Html.Encode(call.EventId)}"><th scope="row"><a href="{ConsoleLayout.Root}/accounts/{Uri.EscapeDataString(loss.AccountId)}">{Html.Encode(loss.AccountId)}</a></th><td>{Html.Encode(loss.PeriodKey)}</td><td>{Html.Encode(call.Source)}</td><td>{Html.Encode(call.To)}</td><td class="num">{Amount(call.Price)}</td><td class="num">{Amount(call.Cost)}</td><td class="num">{Amount(call.Margin)}</td><td class="wrap">{Basis(call.CostBasis.ToString())}</td></tr>""");
        }

        return $"""
            <section aria-labelledby="losses-{id}-heading" class="card">
            <h2 id="losses-{id}-heading">Loss-making calls, {Html.Encode(margin.Currency)}</h2>
            <div class="table-wrap" tabindex="0"><table id="losses-{id}">
            <caption>The {margin.LossMaking.Count} calls that lost the most, worst first</caption>
            <thead><tr><th scope="col">Account</th><th scope="col">Period</th><th scope="col">Vendor</th><th scope="col">To</th><th scope="col" class="num">Billed</th><th scope="col" class="num">Cost</th><th scope="col" class="num">Margin</th><th scope="col">Cost basis</th></tr></thead>
            <tbody>{rows}</tbody>
            </table></div>
            </section>
            """;
    }

    private static string Table(string id, string caption, string first, string currency, IReadOnlyList<MarginLine> lines)
    {
        var rows = new StringBuilder();
        foreach (var line in lines)
        {
            rows.Append($"""<tr data-line="{Html.Encode(line.Label)}"><th scope="row">{Html.Encode(line.Label)}</th><td class="num">{line.Calls}</td><td class="num">{Amount(line.Price)}</td><td class="num">{Amount(line.Cost)}</td><td class="num">{Amount(line.Margin)}</td><td class="wrap">{Basis(line.CostBasis)}</td><td class="num">{line.CallsWithoutCost}</td></tr>""");
        }

        return $"""
            <div class="table-wrap" tabindex="0"><table id="{id}">
            <caption>{Html.Encode(caption)}, {Html.Encode(currency)}</caption>
            <thead><tr><th scope="col">{first}</th><th scope="col" class="num">Calls</th><th scope="col" class="num">Billed</th><th scope="col" class="num">Cost</th><th scope="col" class="num">Margin</th><th scope="col">Cost basis</th><th scope="col" class="num">Calls without cost</th></tr></thead>
            <tbody>{rows}</tbody>
            </table></div>
            """;
    }

    /// <summary>An amount to the cent; per-call sums keep more places, which the margin report's JSON carries.</summary>
    private static string Amount(decimal amount) => amount.ToString("N2", System.Globalization.CultureInfo.InvariantCulture);

    private static string Basis(string basis) => basis.ToLowerInvariant() switch
    {
        "reported" => "reported by the vendor",
        "expected" => "expected from the cost plan",
        "mixed" => "reported and expected",
        _ => "none",
    };
}
