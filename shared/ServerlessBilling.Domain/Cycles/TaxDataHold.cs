using System.Text.Json.Serialization;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Cycles;

/// <summary>A close stopped before numbering because a tax table has no rate for the invoice's date.</summary>
/// <param name="Missing">The missing rates, each naming its rule, table and date.</param>
/// <param name="RecheckSeconds">How long the close waits for an upload before it looks at the tables again anyway.</param>
/// <param name="RecheckAfterUploadSeconds">How soon it looks again when an upload woke it and the rate was still missing.</param>
/// <remarks>Plain values, so it travels through durable history (the draft step's result and the close's status) unchanged.</remarks>
public sealed record TaxDataHold(IReadOnlyList<TaxNotice> Missing, int RecheckSeconds, int RecheckAfterUploadSeconds)
{
    /// <summary>The state a held close shows in its status.</summary>
    public const string Status = "awaitingTaxData";

    /// <remarks>A hold that waits for a tax service rather than a table looks again after <see cref="TaxDataOptions.RecheckService"/>
    /// when that is sooner: nothing is uploaded when a service comes back.</remarks>
    public static TaxDataHold For(IReadOnlyList<TaxNotice> missing, TaxDataOptions options)
    {
        var recheck = missing.Any(n => n.Reason is TaxNoticeReason.ServiceError or TaxNoticeReason.ServiceUnavailable or TaxNoticeReason.CommitDiffers) && options.RecheckService < options.RecheckEvery
            ? options.RecheckService
            : options.RecheckEvery;
        return new(missing, (int)recheck.TotalSeconds, (int)options.RecheckAfterUpload.TotalSeconds);
    }

    /// <summary>A stable key of what is missing (rule and date per notice), so announcing the same hold twice announces it once.</summary>
    [JsonIgnore]
    public string Key => string.Join(',', Missing.Select(n => $"{n.Location}/{n.RuleKey}@{n.Date}").Order(StringComparer.Ordinal));
}
