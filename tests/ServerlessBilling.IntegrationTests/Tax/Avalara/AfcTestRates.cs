using System.Text.Json.Nodes;

namespace ServerlessBilling.IntegrationTests.Tax.Avalara;

/// <summary>
/// The test server's rate sheet, in the shapes of the developer guide's Detailed Tax Result: for VoIP usage and access (19/49,
/// 19/6) the FCC regulatory fee on the federal share (tax type 226), the federal USF on the federal share plus that fee (tax type
/// 162, a tax on tax) and a state excise tax on the whole charge (tax type 5); for VoIP lines (19/21) a city E911 fee per line
/// (tax type 250); for VoIP intrastate usage (19/50) no federal tax, the state excise tax and a state USF surcharge (tax type 470)
/// on the whole charge, as a state charges intrastate service; for any other pair a state sales tax (tax type 1); and on access charges a non-billable gross receipts tax the
/// seller bears. The federal share is the VoIP safe harbor (0.649) or the request's safe harbor override; a federal tax measured
/// on it answers the rest of the charge as its exempt amount (<c>exm</c>), as the guide's samples do. The invoice's exemptions
/// (<c>exms</c>) are applied as the guide describes them: a tax type (0 for all) or a category, within the scope's tax levels,
/// in the domain's jurisdiction (federal: everywhere; state: the item's state); an exempted tax comes back with no tax and its
/// measure as the exempt amount. Category ids 1, 5, 6, 7 are the guide's; the excise and gross receipts ones are this sheet's.
/// </summary>
public static class AfcTestRates
{
    public const decimal RegulatoryFee = 0.00302m;
    public const decimal Fusf = 0.36m;
    public const decimal Excise = 0.025m;
    public const decimal E911PerLine = 0.75m;
    public const decimal SalesTax = 0.06m;
    public const decimal StateUsf = 0.05m;

    /// <param name="e911PerLine">The E911 fee per line this answer charges (<see cref="E911PerLine"/> unless the rate changed).</param>
    public static JsonObject Answer(JsonObject request, decimal e911PerLine = E911PerLine)
    {
        var federalShare = request["sovr"]?[0]?["new"]?.GetValue<decimal>() ?? 0.649m;
        var invoice = request["inv"]![0]!;
        var exemptions = invoice["exms"] as JsonArray ?? [];
        var items = new JsonArray();
        foreach (var item in invoice["itms"]!.AsArray())
        {
            var sign = item!["adj"]!.GetValue<bool>() ? -1m : 1m;
            var charge = item["chg"]!.GetValue<decimal>();
            var (tran, serv) = (item["tran"]!.GetValue<int>(), item["serv"]!.GetValue<int>());
            var taxes = new JsonArray();
            if (tran == 19 && serv is 49 or 6)
            {
                var federal = charge * federalShare;
                var fee = federal * RegulatoryFee;
                taxes.Add(Tax(226, 0, 0, "REGULATORY CHARGES", 6, "FCC Regulatory Fee (VoIP)", 1, federal, RegulatoryFee, sign * fee, exempt: charge - federal));
                taxes.Add(Tax(162, 0, 0, "CONNECTIVITY CHARGES", 5, "FUSF (VoIP)", 1, federal + fee, Fusf, sign * (federal + fee) * Fusf, exempt: charge - federal));
                taxes.Add(Tax(5, 1, 2502500, "EXCISE TAXES", 2, "Excise Tax", 1, charge, Excise, sign * charge * Excise));
                if (serv == 6)
                {
                    taxes.Add(Tax(999, 1, 2502500, "GROSS RECEIPTS", 3, "Gross Receipts Tax", 1, charge, 0.01m, sign * charge * 0.01m, billable: false));
                }
            }
            else if (tran == 19 && serv == 50)
            {
                taxes.Add(Tax(5, 1, 2502500, "EXCISE TAXES", 2, "Excise Tax", 1, charge, Excise, sign * charge * Excise));
                taxes.Add(Tax(470, 1, 2502500, "CONNECTIVITY CHARGES", 5, "State USF (VoIP)", 1, charge, StateUsf, sign * charge * StateUsf));
            }
            else if (tran == 19 && serv == 21)
            {
                var lines = item["line"]!.GetValue<int>();
                taxes.Add(Tax(250, 3, 377300, "E-911 CHARGES", 7, "E911 (VoIP)", 4, 0m, e911PerLine, sign * lines * e911PerLine, lines: lines));
            }
            else
            {
                taxes.Add(Tax(1, 1, 2502500, "SALES AND USE TAXES", 1, "Sales Tax", 1, charge, SalesTax, sign * charge * SalesTax, compliance: false));
            }

            var state = item["to"]?["st"]?.GetValue<string>();
            foreach (var tax in taxes.Select(t => t!.AsObject()).Where(t => exemptions.Any(e => Exempts(e!, t, state))))
            {
                tax["exm"] = tax["tm"]!.GetValue<decimal>() + tax["exm"]!.GetValue<decimal>();
                tax["tm"] = 0m;
                tax["tax"] = 0m;
            }

            items.Add(new JsonObject { ["ref"] = item["ref"]!.GetValue<string>(), ["txs"] = taxes });
        }

        return new JsonObject { ["inv"] = new JsonArray(new JsonObject { ["doc"] = invoice["doc"]!.GetValue<string>(), ["itms"] = items }) };
    }

    private static bool Exempts(JsonNode exemption, JsonObject tax, string? state)
    {
        var what = exemption["tpe"] is { } type
            ? type.GetValue<int>() is var tpe && (tpe == 0 || tpe == tax["tid"]!.GetValue<int>())
            : exemption["cat"]!.GetValue<int>() == tax["cid"]!.GetValue<int>();
        var level = tax["lvl"]!.GetValue<int>();
        var inScope = (exemption["scp"]!.GetValue<int>() & (level switch { 0 => 128, 1 => 256, 2 => 512, _ => 1024 })) != 0;
        var where = exemption["dom"]!.GetValue<int>() switch
        {
            0 => exemption["loc"]!["ctry"]!.GetValue<string>() == "USA",
            1 => exemption["loc"]!["st"]!.GetValue<string>() == state,
            _ => false,
        };
        return what && inScope && where;
    }

    private static JsonObject Tax(
        int tid, int level, int pcode, string category, int categoryId, string name, int calc, decimal measure, decimal rate, decimal tax,
        int lines = 0, bool billable = true, bool compliance = true, decimal exempt = 0m) => new()
    {
        ["bill"] = billable,
        ["cmpl"] = compliance,
        ["tm"] = measure,
        ["calc"] = calc,
        ["cat"] = category,
        ["cid"] = categoryId,
        ["name"] = name,
        ["exm"] = exempt,
        ["lns"] = lines,
        ["min"] = 0,
        ["pcd"] = pcode,
        ["rate"] = rate,
        ["sur"] = false,
        ["tax"] = tax,
        ["lvl"] = level,
        ["tid"] = tid,
    };
}
