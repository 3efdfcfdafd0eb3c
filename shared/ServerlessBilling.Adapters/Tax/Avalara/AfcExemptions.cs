using System.Globalization;
using System.Text.Json.Nodes;

namespace ServerlessBilling.Tax.Avalara;

/// <summary>Writes the account's exemption documents in force on the invoice date as the invoice's <c>exms</c> (AFC REST v2
/// <c>Exemption</c>), and names those that have no faithful AFC form.</summary>
/// <remarks>
/// <para>Where: an exemption for every jurisdiction (or <c>US</c>) matches at the federal domain (<c>dom</c> 0, <c>loc</c> the
/// country), which every US jurisdiction is inside; one for a state (<c>US-WA</c>) matches at the state domain (<c>dom</c> 1,
/// <c>loc</c> that state). County and city codes of the built-in tables have no AFC location the service documents, so those
/// documents are not sent.</para>
/// <para>What: every kind is tax type 0 ("all tax types", with <c>frc</c> true as the guide's level exemption does); the federal
/// USF and the FCC regulatory fee are the documented VoIP tax types 162 and 226; sales, 911 and utility users taxes are the
/// documented categories 1, 7 and 8; state USF programs are category 5 (connectivity charges) below the federal level. The scope
/// (<c>scp</c>) keeps a federal kind to federal taxes (128) and a state or local kind to state, county and local ones (1792).
/// 988 fees have no documented category or tax type, so such a document is not sent.</para>
/// </remarks>
public static class AfcExemptions
{
    private const int Federal = 128;
    private const int BelowFederal = 256 + 512 + 1024;

    /// <summary>The <c>exms</c> entries, and the documents in force that could not be sent.</summary>
    public static (JsonArray Sent, IReadOnlyList<TaxExemption> Unsent) For(TaxRequest request)
    {
        var sent = new JsonArray();
        var unsent = new List<TaxExemption>();
        foreach (var exemption in request.Exemptions.Where(e => e.ValidFrom <= request.InvoiceDate && (e.ValidThrough is null || request.InvoiceDate <= e.ValidThrough)))
        {
            if (Where(exemption.Jurisdiction) is not { } where || What(exemption.Kind) is not { } what
                || (where.Domain == 0 ? what.Scope : what.Scope & BelowFederal) == 0)
            {
                unsent.Add(exemption);
                continue;
            }

            var entry = new JsonObject { ["loc"] = where.Location, ["frc"] = what.Force };
            if (what.TaxType is { } type)
            {
                entry["tpe"] = type;
            }
            else
            {
                entry["cat"] = what.Category;
            }

            entry["dom"] = where.Domain;
            // A state's document cannot reach federal taxes, whatever its kind.
            entry["scp"] = where.Domain == 0 ? what.Scope : what.Scope & BelowFederal;
            entry["exnb"] = false;
            sent.Add(entry);
        }

        return (sent, unsent);
    }

    private static (int Domain, JsonObject Location)? Where(string? jurisdiction)
    {
        if (jurisdiction is null or "US")
        {
            return (0, new JsonObject { ["ctry"] = "USA" });
        }

        var parts = jurisdiction.Split('-');
        return parts is ["US", { Length: 2 } state]
            ? (1, new JsonObject { ["ctry"] = "USA", ["st"] = state.ToUpper(CultureInfo.InvariantCulture) })
            : null;
    }

    private static (int? TaxType, int? Category, int Scope, bool Force)? What(TaxKind? kind) => kind switch
    {
        null => (0, null, Federal + BelowFederal, true),
        TaxKind.FederalUsfRecovery => (162, null, Federal, false),
        TaxKind.FederalRecoveryFee => (226, null, Federal, false),
        TaxKind.SalesOrCommunicationsTax => (null, 1, BelowFederal, false),
        TaxKind.StateUsf => (null, 5, BelowFederal, false),
        TaxKind.Emergency911 => (null, 7, BelowFederal, false),
        TaxKind.UtilityUsersTax => (null, 8, BelowFederal, false),
        _ => null,
    };
}
