using System.Text.Json.Nodes;

namespace ServerlessBilling.Tax.Avalara;

/// <summary>Each charge's Form 499-A split as the service applied it, for the revenue worksheet.</summary>
/// <remarks>
/// The service answers a federal tax on a domestic VoIP charge with the interstate part as its taxable measure (<c>tm</c>) and
/// the rest as its exempt amount (<c>exm</c>): the guide's $100 VoIP access charge comes back with FUSF and the FCC regulatory
/// fee each at <c>tm</c> 64.9 and <c>exm</c> 35.1 (<see href="https://developer.avalara.com/communications/dev-guide_rest_v2/customizing-transactions/sample-transactions/exemption/">Exemptions</see>).
/// So the interstate part is the <c>tm</c> of a federal (<c>lvl</c> 0) tax whose <c>tm</c> and <c>exm</c> add up to the charge;
/// a tax on tax (a measure that includes an earlier tax) does not add up and is not read. Usage whose calls' jurisdiction is known
/// (<see cref="TaxableItem.Jurisdiction"/>) is wholly intrastate (19/50), interstate (19/49) or international (19/51), its actual
/// split; international usage is wholly international, as the built-in engine reports it. A charge with no such
/// federal tax (exempt, or the answer had an error) is split by the allocation in force, as the built-in engine splits it.
/// </remarks>
public static class AfcRevenueSplit
{
    /// <summary>The service's amounts are binary floating point in JSON (35.099999999999994 for 35.1).</summary>
    private const decimal Tolerance = 0.000001m;

    public static IReadOnlyList<TaxedRevenue> Read(JsonNode response, IReadOnlyList<AfcItem> items, TaxRequest request, InterstateAllocation allocation)
    {
        var answered = (response["inv"] as JsonArray ?? []).SelectMany(i => i?["itms"] as JsonArray ?? [])
            .Where(r => r?["ref"] is not null)
            .GroupBy(r => r!["ref"]!.GetValue<string>(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()!, StringComparer.Ordinal);
        var certificate = request.ResaleCertificateOn(request.InvoiceDate);
        var sent = items.Where(i => i.ItemIndex is not null).ToDictionary(i => i.ItemIndex!.Value);
        var revenue = new List<TaxedRevenue>();
        for (var index = 0; index < request.Items.Count; index++)
        {
            var charge = request.Items[index];
            var split = TaxedRevenue.Of(index, charge, allocation, certificate);
            var amount = charge.Amount.Amount;
            if (!sent.TryGetValue(index, out var item))
            {
                // Not sent (a non-telecom charge without a pair): reported as the built-in engine reports it.
            }
            else if (charge.Jurisdiction is { } jurisdiction && charge.Category == ProductCategory.InterconnectedVoipUsage)
            {
                split = jurisdiction switch
                {
                    UsageJurisdiction.Intrastate => split with { Method = AllocationMethod.Actual, Interstate = 0m, International = 0m, Intrastate = amount },
                    UsageJurisdiction.Interstate => split with { Method = AllocationMethod.Actual, Interstate = amount, International = 0m, Intrastate = 0m },
                    _ => split with { Method = AllocationMethod.Actual, Interstate = 0m, International = amount, Intrastate = 0m },
                };
            }
            else if (charge.Category is ProductCategory.InterconnectedVoipUsage or ProductCategory.VoipAccess
                && answered.TryGetValue(item.Ref, out var result) && InterstateMeasure(result, Math.Abs(amount)) is { } measure)
            {
                var interstate = Math.Sign(amount) * measure;
                split = split with { Interstate = interstate, International = 0m, Intrastate = amount - interstate };
            }

            revenue.Add(split);
        }

        return revenue;
    }

    private static decimal? InterstateMeasure(JsonNode result, decimal charge) =>
        (result["txs"] as JsonArray ?? [])
            .Where(t => t is not null && (int)(t["lvl"]?.GetValue<decimal>() ?? -1m) == 0)
            .Select(t => (Measure: t!["tm"]?.GetValue<decimal>() ?? 0m, Exempt: t["exm"]?.GetValue<decimal>() ?? 0m))
            .Where(t => Math.Abs(t.Measure + t.Exempt - charge) < Tolerance)
            .Select(t => (decimal?)t.Measure)
            .FirstOrDefault();
}
