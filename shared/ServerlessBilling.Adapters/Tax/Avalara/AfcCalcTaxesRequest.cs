using System.Globalization;
using System.Text.Json.Nodes;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Tax.Avalara;

/// <summary>Writes a <see cref="TaxRequest"/> as an AFC REST v2 <c>CalcTaxes</c> body: the seller (<c>cmpn</c>), one invoice in invoice
/// mode (<c>inv</c>) with a line item per taxable charge and per group of lines, and a safe harbor override (<c>sovr</c>) when the
/// provider allocates by a traffic study.</summary>
/// <remarks>
/// Each charge goes as its product's T/S pair (<see cref="PairOf"/>), with its amount in <c>chg</c> and, for usage, its minutes in
/// <c>min</c>; a credit goes as a positive amount with the adjustment flag, as the service asks. The lines a per-line fee counts
/// travel on a separate VoIP lines item (19/21) with no charge: channels when the account says how many (outward calling
/// capacity), else one per number held. A valid reseller certificate makes telecom charges wholesale (<c>sale</c> 0). Both ends
/// of every item are the service address (the place of primary use), sent as a street address for the service to geocode, or
/// as the account's PCode (<c>pcd</c>, <see cref="TaxRequest.Pcode"/>) when it has one and the item is at its service address.
/// A draft is taxed uncommitted under the document code <c>{account}:{invoice date}</c>, since it may be taxed again before it is
/// numbered; the numbered invoice is taxed once more, committed, under its number (<see cref="AfcTaxCalculator.CommitAsync"/>).
/// The account's exemption documents go as <c>exms</c> (<see cref="AfcExemptions"/>).
/// </remarks>
public static class AfcCalcTaxesRequest
{
    /// <summary>The body, and the items it holds in the order sent.</summary>
    /// <param name="documentCode">The <c>doc</c> sent; null for a draft's (<see cref="DraftDocumentCode"/>).</param>
    /// <param name="commit">The <c>cmmt</c> sent: true only for the numbered invoice.</param>
    public static (JsonObject Body, IReadOnlyList<AfcItem> Items) Build(TaxRequest request, TaxSettings settings, AfcOptions options, string? documentCode = null, bool commit = false)
    {
        var resale = request.ResaleCertificateOn(request.InvoiceDate) is not null;
        var items = new List<(AfcItem Item, JsonObject Json)>();
        for (var i = 0; i < request.Items.Count; i++)
        {
            var charge = request.Items[i];
            if (PairOf(charge.Category, options, charge.Jurisdiction) is not { } pair)
            {
                continue;
            }

            var telecom = RevenueAllocation.IsTelecom(charge.Category);
            var address = charge.ServiceAddress ?? request.ServiceAddress;
            var item = new AfcItem((i + 1).ToString(CultureInfo.InvariantCulture), charge.Reference, pair,
                !telecom ? Form499Category.NonTelecom : resale ? Form499Category.CarriersCarrier : Form499Category.EndUserTelecom, address)
            {
                ItemIndex = i,
                Pcode = PcodeAt(request, address),
            };
            items.Add((item, Item(item, Math.Abs(charge.Amount.Amount), lines: 0, Math.Abs(charge.Minutes ?? 0m), wholesale: telecom && resale, credit: charge.Amount.Amount < 0m)));
        }

        for (var j = 0; j < request.Lines.Count; j++)
        {
            var group = request.Lines[j];
            var count = group.Channels ?? group.Numbers;
            if (count <= 0)
            {
                continue;
            }

            var item = new AfcItem("L" + (j + 1).ToString(CultureInfo.InvariantCulture), null, AfcProductPair.VoipLines,
                resale ? Form499Category.CarriersCarrier : Form499Category.EndUserTelecom, group.Address) { Pcode = PcodeAt(request, group.Address) };
            items.Add((item, Item(item, 0m, count, 0m, wholesale: resale, credit: false)));
        }

        var invoice = new JsonObject
        {
            ["doc"] = documentCode ?? DraftDocumentCode(request),
            ["cmmt"] = commit,
            ["bill"] = Location(request.ServiceAddress, request.Pcode),
            ["cust"] = request.CustomerType == CustomerType.Residential ? 0 : 1,
            ["lfln"] = false,
            // Noon UTC keeps the calendar date whatever zone the service reads it in.
            ["date"] = request.InvoiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T12:00:00Z",
            ["exms"] = AfcExemptions.For(request).Sent,
            ["itms"] = new JsonArray([.. items.Select(i => (JsonNode)i.Json)]),
            ["invm"] = true,
            ["dtl"] = true,
        };
        var body = new JsonObject { ["cmpn"] = Company(options.Company), ["inv"] = new JsonArray(invoice) };
        if (SafeHarborOverride(settings.AllocationOn(request.InvoiceDate)) is { } sovr)
        {
            body["sovr"] = new JsonArray(sovr);
        }

        return (body, [.. items.Select(i => i.Item)]);
    }

    /// <summary>The document code a draft is taxed under: the account and the invoice date, known before the invoice has a number.</summary>
    public static string DraftDocumentCode(TaxRequest request) => $"{request.AccountId}:{request.InvoiceDate:yyyy-MM-dd}";

    /// <summary>The T/S pair a charge of <paramref name="category"/> is sent as, or null when it is not sent.</summary>
    /// <remarks>Usage whose calls ran within one state goes as VoIP intrastate usage (19/50), across states as VoIP interstate usage
    /// (19/49) and abroad as VoIP international usage (19/51): the service types the guide's Interstate/Intrastate Determination picks
    /// for transaction type 19. The close splits each usage line that way for this engine (<see cref="UsageJurisdiction"/>); usage of
    /// no known jurisdiction (a toll-free or non-geographic end) and any other usage charge go as 19/49, as before the split, with
    /// the provider's interstate allocation. Numbers and other monthly access go as the VoIP access charge (19/6), equipment as VoIP
    /// equipment rental (19/37). Non-telecom charges go as the pair the provider chose, if any.</remarks>
    public static AfcProductPair? PairOf(ProductCategory category, AfcOptions options, UsageJurisdiction? jurisdiction = null) => category switch
    {
        ProductCategory.InterconnectedVoipUsage => jurisdiction switch
        {
            UsageJurisdiction.Intrastate => AfcProductPair.VoipIntrastateUsage,
            UsageJurisdiction.International => AfcProductPair.VoipInternationalUsage,
            _ => AfcProductPair.VoipInterstateUsage,
        },
        ProductCategory.InternationalVoipUsage => AfcProductPair.VoipInternationalUsage,
        ProductCategory.VoipAccess => AfcProductPair.VoipAccess,
        ProductCategory.Equipment => AfcProductPair.VoipEquipment,
        ProductCategory.AiPlatform or ProductCategory.OtherNonTelecom => options.NonTelecomPair,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    private static JsonObject Item(AfcItem item, decimal charge, int lines, decimal minutes, bool wholesale, bool credit) => new()
    {
        ["ref"] = item.Ref,
        ["from"] = Location(item.Address, item.Pcode),
        ["to"] = Location(item.Address, item.Pcode),
        ["chg"] = charge,
        ["line"] = lines,
        ["min"] = minutes,
        ["sale"] = wholesale ? 0 : 1,
        ["incl"] = false,
        ["tran"] = item.Pair.Transaction,
        ["serv"] = item.Pair.Service,
        ["dbt"] = false,
        ["adj"] = credit,
        ["adjm"] = 0,
        ["disc"] = 0,
    };

    private static JsonObject Company(AfcCompany company)
    {
        var json = new JsonObject { ["bscl"] = 1, ["svcl"] = 0, ["fclt"] = company.Facilities, ["frch"] = false, ["reg"] = company.Regulated };
        if (company.Identifier is { } id)
        {
            json["idnt"] = id;
        }

        return json;
    }

    /// <summary>The account's PCode for something at its service address; an item sent from another address is geocoded there.</summary>
    private static int? PcodeAt(TaxRequest request, PostalAddress address) => address == request.ServiceAddress ? request.Pcode : null;

    /// <summary>A location by PCode alone when one is known (the service then reads no address field), else the address to geocode.</summary>
    private static JsonObject Location(PostalAddress address, int? pcode)
    {
        if (pcode is { } code)
        {
            return new JsonObject { ["pcd"] = code };
        }

        var json = new JsonObject
        {
            ["ctry"] = address.Country.Trim().ToUpperInvariant() is "US" or "USA" ? "USA" : address.Country.Trim(),
            ["geo"] = true,
            ["addr"] = address.Line2 is null ? address.Line1 : $"{address.Line1} {address.Line2}",
            ["city"] = address.City,
            ["st"] = address.Region,
            ["zip"] = address.PostalCode,
        };
        return json;
    }

    /// <summary>A traffic study's interstate share replaces the service's VoIP safe harbor (type 2, 64.9 %); the state share follows.</summary>
    private static JsonObject? SafeHarborOverride(InterstateAllocation allocation) =>
        allocation.Method == AllocationMethod.TrafficStudy && allocation.InterstateShare != InterstateAllocation.SafeHarborShare
            ? new JsonObject { ["sh"] = 2, ["old"] = InterstateAllocation.SafeHarborShare, ["new"] = allocation.InterstateShare }
            : null;
}
