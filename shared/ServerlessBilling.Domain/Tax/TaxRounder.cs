namespace ServerlessBilling.Tax;

/// <summary>Turns unrounded tax amounts into tax lines, rounding half away from zero to the currency's minor unit.</summary>
/// <remarks>
/// Per line: one tax line per charge and rule, each rounded. Per invoice: a rule's unrounded amounts are summed per
/// Form 499-A category of their base and rounded once, so 0.125 + 0.125 is 0.25, where per line it is 0.13 + 0.13.
/// Midpoints always go away from zero (never .NET's banker's rounding), so a credit of -0.125 is -0.13. A USF
/// recovery line is never rounded above its 47 CFR 54.712 cap: when rounding half up would pass the cap, the cap
/// is rounded towards zero instead (for a credit too).
/// Per document: one tax line per charge and rule as per line, but a rule's lines add up to its unrounded amounts
/// summed and rounded once, as per invoice; the cents the per-line roundings miss go to the rule's largest line
/// (for a USF line, the largest that stays within its own cap). <see cref="Money.Allocate"/> is not used: it spreads
/// the difference by largest remainder and takes no negative weights, while a document can mix charges and credits.
/// </remarks>
internal static class TaxRounder
{
    public static IReadOnlyList<TaxLine> Round(IReadOnlyList<TaxPiece> pieces, TaxRounding rounding, string currency)
    {
        if (rounding == TaxRounding.PerDocument)
        {
            return PerDocument(pieces, currency);
        }

        var groups = rounding == TaxRounding.PerLine
            ? pieces.Select(p => (IReadOnlyList<TaxPiece>)[p])
            : pieces.GroupBy(p => (p.Rule.Key, p.Category)).Select(g => (IReadOnlyList<TaxPiece>)[.. g]);
        return [.. groups.Select(g => Line(g, Rounded(g, currency)))];
    }

    private static TaxLine[] PerDocument(IReadOnlyList<TaxPiece> pieces, string currency)
    {
        var amounts = pieces.Select(p => Rounded([p], currency)).ToArray();
        var minorUnit = new Money(1m / CurrencyInfo.MinorUnitFactor(currency), currency);
        foreach (var rule in Enumerable.Range(0, pieces.Count).GroupBy(i => pieces[i].Rule.Key))
        {
            var indexes = rule.ToList();
            var residual = Rounded([.. indexes.Select(i => pieces[i])], currency) - indexes.Aggregate(Money.Zero(currency), (sum, i) => sum + amounts[i]);
            var step = residual.Amount > 0m ? minorUnit : Money.Zero(currency) - minorUnit;
            var largestFirst = indexes.OrderByDescending(i => Math.Abs(pieces[i].Unrounded)).ThenBy(i => i).ToList();
            while (residual.Amount != 0m)
            {
                // A USF cent no line can take within its own charge's cap is not billed: under-recovering a cent is lawful, passing a cap is not.
                var target = largestFirst.FirstOrDefault(i => pieces[i].UsfCap is not { } cap || Math.Abs((amounts[i] + step).Amount) <= Math.Abs(cap), -1);
                if (target < 0)
                {
                    break;
                }

                amounts[target] += step;
                residual -= step;
            }
        }

        return [.. pieces.Select((p, i) => Line([p], amounts[i]))];
    }

    /// <summary>The group's unrounded sum rounded half away from zero, never above the group's USF cap.</summary>
    private static Money Rounded(IReadOnlyList<TaxPiece> group, string currency)
    {
        var amount = new Money(group.Sum(p => p.Unrounded), currency).RoundToMinorUnit(RoundingMode.HalfUp);
        if (group[0].UsfCap is not null && group.Sum(p => p.UsfCap ?? 0m) is var cap && Math.Abs(amount.Amount) > Math.Abs(cap))
        {
            // Down is towards zero, so a credit is cut the same way as a charge.
            amount = new Money(cap, currency).RoundToMinorUnit(RoundingMode.Down);
        }

        return amount;
    }

    private static TaxLine Line(IReadOnlyList<TaxPiece> group, Money amount)
    {
        var first = group[0];
        var unrounded = group.Sum(p => p.Unrounded);
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
            first.Category)
        {
            InvoiceLabel = first.Rule.InvoiceLabel,
        };
    }
}
