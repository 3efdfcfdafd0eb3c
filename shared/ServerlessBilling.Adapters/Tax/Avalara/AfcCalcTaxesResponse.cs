using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;

namespace ServerlessBilling.Tax.Avalara;

/// <summary>Reads an AFC REST v2 <c>CalcTaxes</c> response: each billable tax of each line item becomes a <see cref="ServiceTax"/>,
/// and every error (of the request, the invoice or a line item) becomes a <see cref="TaxNoticeReason.ServiceError"/> notice.</summary>
/// <remarks>
/// A tax the service marks not billable (<c>bill</c> false) is the seller's own cost and goes on no invoice; one it marks not for
/// compliance (<c>cmpl</c> false) is billed and flagged <see cref="TaxLine.ReportedToJurisdiction"/> false. The taxable measure
/// (<c>tm</c>) is kept as the base, so a tax on tax shows the base that included the earlier tax. Rate taxes keep their rate;
/// per-line, per-minute and fixed taxes keep their amount per unit and the units the service counted.
/// </remarks>
public static class AfcCalcTaxesResponse
{
    /// <summary>The key of notices about the service rather than a tax.</summary>
    public const string NoticeKey = "avalara-communications";

    public static (IReadOnlyList<ServiceTax> Taxes, IReadOnlyList<TaxNotice> Notices) Read(JsonNode response, IReadOnlyList<AfcItem> items, LocalDate date)
    {
        var taxes = new List<ServiceTax>();
        var notices = new List<TaxNotice>();
        var byRef = items.ToDictionary(i => i.Ref, StringComparer.Ordinal);
        notices.AddRange(Errors(response["err"], null, date));
        foreach (var invoice in Array(response["inv"]))
        {
            notices.AddRange(Errors(invoice?["err"], null, date));
            foreach (var result in Array(invoice?["itms"]))
            {
                var item = result?["ref"]?.GetValue<string>() is { } reference && byRef.TryGetValue(reference, out var known) ? known : null;
                notices.AddRange(Errors(result?["err"], item, date));
                foreach (var tax in Array(result?["txs"]))
                {
                    if (tax is null || item is null || Bool(tax["bill"]) == false)
                    {
                        continue;
                    }

                    taxes.Add(Tax(tax, item));
                }

                if (item is null && Array(result?["txs"]).Any())
                {
                    // Taxes for an item the request did not send cannot be placed; saying so beats billing or dropping them silently.
                    notices.Add(Notice($"taxes answered for unknown line item '{result?["ref"]}' were not billed", date));
                }
            }
        }

        return (taxes, notices);
    }

    private static ServiceTax Tax(JsonNode tax, AfcItem item)
    {
        var tid = Int(tax["tid"]);
        var level = Int(tax["lvl"]);
        var pcode = Int(tax["pcd"]);
        var amount = Decimal(tax["tax"]);
        var rate = Decimal(tax["rate"]);
        var (unitAmount, units, isRate) = Int(tax["calc"]) switch
        {
            1 or 5 => (0m, 0m, true),                       // rate, self-taxing rate: measure times rate
            3 => (rate, Decimal(tax["min"]), false),        // per minute
            4 or 6 => (rate, Decimal(tax["lns"]), false),   // per line, per bracket of lines
            _ => (amount, 1m, false),                       // fixed, fixed on tier: once
        };
        var name = tax["name"]?.GetValue<string>() ?? $"Tax type {tid}";
        return new ServiceTax(
            string.Create(CultureInfo.InvariantCulture, $"afc-{tid}-{level}-{pcode}"),
            level == 0 ? "US" : string.Create(CultureInfo.InvariantCulture, $"US-{item.Address.Region.Trim().ToUpperInvariant()}-PCODE-{pcode}"),
            JurisdictionName(level, pcode, item),
            level switch { 0 => JurisdictionLevel.Federal, 1 => JurisdictionLevel.State, 3 => JurisdictionLevel.City, _ => JurisdictionLevel.County },
            Kind(level, tax["cat"]?.GetValue<string>() ?? "", name),
            name,
            item.Reference,
            isRate ? Decimal(tax["tm"]) : 0m,
            isRate ? rate : null,
            isRate ? null : unitAmount,
            units,
            amount,
            item.Category)
        {
            ReportedToJurisdiction = Bool(tax["cmpl"]),
        };
    }

    /// <summary>The service names jurisdictions by PCode; the invoice names them by the service address's state and city.</summary>
    private static string JurisdictionName(int level, int pcode, AfcItem item) => level switch
    {
        0 => "United States",
        1 => item.Address.Region,
        3 => $"{item.Address.City}, {item.Address.Region}",
        4 => string.Create(CultureInfo.InvariantCulture, $"Unincorporated area, {item.Address.Region} (PCode {pcode})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"County, {item.Address.Region} (PCode {pcode})"),
    };

    /// <summary>The service's tax categories and names, read as the kinds the reports group by.</summary>
    private static TaxKind Kind(int level, string category, string name)
    {
        if (name.Contains("988", StringComparison.Ordinal))
        {
            return TaxKind.Crisis988;
        }

        if (name.Contains("911", StringComparison.Ordinal) || category.Contains("E-911", StringComparison.OrdinalIgnoreCase))
        {
            return TaxKind.Emergency911;
        }

        if (level == 0)
        {
            return name.Contains("FUSF", StringComparison.OrdinalIgnoreCase) || name.Contains("Universal Service", StringComparison.OrdinalIgnoreCase)
                ? TaxKind.FederalUsfRecovery
                : TaxKind.FederalRecoveryFee;
        }

        if (category.Contains("CONNECTIVITY", StringComparison.OrdinalIgnoreCase))
        {
            return TaxKind.StateUsf;
        }

        return category.Contains("UTILITY", StringComparison.OrdinalIgnoreCase) ? TaxKind.UtilityUsersTax : TaxKind.SalesOrCommunicationsTax;
    }

    private static IEnumerable<TaxNotice> Errors(JsonNode? errors, AfcItem? item, LocalDate date) =>
        Array(errors).Where(e => e is not null).Select(e => Notice(
            $"error {e!["code"]}: {e["msg"]?.GetValue<string>() ?? "(no message)"}{(item is null ? "" : $" on '{item.Reference ?? "lines at " + item.Address.City}'")}",
            date));

    public static TaxNotice Notice(string detail, LocalDate date, TaxNoticeReason reason = TaxNoticeReason.ServiceError) =>
        new(NoticeKey, reason, detail) { Date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

    private static IEnumerable<JsonNode?> Array(JsonNode? node) => node as JsonArray ?? [];

    private static int Int(JsonNode? node) => node is null ? 0 : (int)node.GetValue<decimal>();

    private static decimal Decimal(JsonNode? node) => node?.GetValue<decimal>() ?? 0m;

    private static bool? Bool(JsonNode? node) => node?.GetValue<bool>();
}
