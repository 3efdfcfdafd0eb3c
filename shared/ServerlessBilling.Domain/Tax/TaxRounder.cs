namespace ServerlessBilling.Tax;

/// <summary>Turns unrounded tax amounts into tax lines, rounding half away from zero to the currency's minor unit.</summary>
/// <remarks>
/// Per line: one tax line per charge and rule, each rounded. Per invoice: a rule's unrounded amounts are summed per
/// Form 499-A category of their base and rounded once, so 0.125 + 0.125 is 0.25, where per line it is 0.13 + 0.13.
/// Midpoints always go away from zero (never .NET's banker's rounding), so a credit of -0.125 is -0.13. A USF
/// recovery line is never rounded above its 47 CFR 54.712 cap: when rounding half up would pass the cap, the cap
/// is rounded towards zero instead (for a credit too).
/// </remarks>
internal static class TaxRounder
{
    public static IReadOnlyList<TaxLine> Round(IReadOnlyList<TaxPiece> pieces, TaxRounding rounding, string currency)
    {
        var groups = rounding == TaxRounding.PerLine
            ? pieces.Select(p => (IReadOnlyList<TaxPiece>)[p])
            : pieces.GroupBy(p => (p.Rule.Key, p.Category)).Select(g => (IReadOnlyList<TaxPiece>)[.. g]);
        return [.. groups.Select(g => Line(g, currency))];
    }

    private static TaxLine Line(IReadOnlyList<TaxPiece> group, string currency)
    {
        var first = group[0];
        var unrounded = group.Sum(p => p.Unrounded);
        var amount = new Money(unrounded, currency).RoundToMinorUnit(RoundingMode.HalfUp);
        if (first.UsfCap is not null && group.Sum(p => p.UsfCap ?? 0m) is var cap && Math.Abs(amount.Amount) > Math.Abs(cap))
        {
            // Down is towards zero, so a credit is cut the same way as a charge.
            amount = new Money(cap, currency).RoundToMinorUnit(RoundingMode.Down);
        }

        var isPercent = first.Rule.Basis == TaxBasis.Percent;
        return new TaxLine(
            first.Rule.Key,
            first.Jurisdiction.Code,
            first.Jurisdiction.Name,
            first.Jurisdiction.Level,
            first.Rule.Kind,
            first.Rule.Label,
            group.Count == 1 ? first.Reference : null,
            group.Sum(p => p.Base),
            isPercent ? first.Version.Rate : null,
            isPercent ? null : first.Version.UnitAmount,
            group.Sum(p => p.Units),
            unrounded,
            amount,
            first.Category);
    }
}
