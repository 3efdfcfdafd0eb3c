using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>A rule's rate for one effective period, with where the rate was read and when.</summary>
/// <param name="From">First day the rate applies.</param>
/// <param name="Until">First day it no longer applies; null while in force.</param>
/// <param name="Rate">Fraction of the base for a percentage rule (0.366 is 36.6 %).</param>
/// <param name="UnitAmount">Amount per line (per-line rule) or per invoice (flat rule), in the invoice's currency.</param>
/// <param name="MaxLinesPerAccount">Lines per account bill beyond which a per-line fee is not charged (Florida E911: 25).</param>
/// <param name="AsOf">The date the source was published, or when it gives none, the date the table was compiled.</param>
/// <remarks>
/// Dates are calendar dates compared with the date that keys the rule (the invoice date by default); the period
/// includes <see cref="From"/> and excludes <see cref="Until"/>, so consecutive versions share a boundary day
/// (a quarter ends on 04-01 and the next starts on 04-01).
/// </remarks>
public sealed record TaxRuleVersion(
    LocalDate From,
    LocalDate? Until,
    decimal? Rate,
    decimal? UnitAmount,
    int? MaxLinesPerAccount,
    SourceStatus Status,
    string Source,
    LocalDate AsOf,
    string? Note = null)
{
    public bool IsInForceOn(LocalDate date) => date >= From && (Until is null || date < Until);
}
