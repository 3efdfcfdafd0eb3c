using ServerlessBilling.Tax;

namespace ServerlessBilling.Invoicing;

/// <summary>The tax lines of an invoice as the customer reads them: rules a table gives one invoice label shown as one line.</summary>
/// <remarks>
/// Display only: the invoice keeps a line per rule (its JSON, total and tax ledger are unchanged), so the reports still
/// see each fee on its own (California remits 911 and 988 separately, R&amp;T Code 41022 lets the bill combine them as
/// "911/988 Surcharge"). Lines combine when they share the label, the jurisdiction and the location; per-line fees
/// counted on the same lines show the lines and the summed unit amount (3 lines × 0.38), anything else one amount.
/// </remarks>
public static class TaxLineDisplay
{
    /// <summary><paramref name="lines"/> in order, each group of tax lines with one <see cref="TaxLine.InvoiceLabel"/> replaced by one line where the first of them was.</summary>
    public static IReadOnlyList<InvoiceLine> Combine(IEnumerable<InvoiceLine> lines)
    {
        var all = lines.ToList();
        var groups = all.Where(l => l.Tax?.InvoiceLabel is not null)
            .GroupBy(l => (Label: l.Tax!.InvoiceLabel!, l.Tax.JurisdictionName, l.Location))
            .Where(g => g.Count() > 1)
            .ToDictionary<IGrouping<(string, string, string?), InvoiceLine>, InvoiceLine, List<InvoiceLine>>(g => g.First(), g => [.. g], ReferenceEqualityComparer.Instance);
        var combined = new HashSet<InvoiceLine>(groups.Values.SelectMany(g => g), ReferenceEqualityComparer.Instance);
        var shown = new List<InvoiceLine>();
        foreach (var line in all)
        {
            if (groups.TryGetValue(line, out var group))
            {
                shown.Add(Merge(group));
            }
            else if (!combined.Contains(line))
            {
                shown.Add(line);
            }
        }

        return shown;
    }

    private static InvoiceLine Merge(IReadOnlyList<InvoiceLine> group)
    {
        var first = group[0];
        var amount = group.Skip(1).Aggregate(first.Amount, (sum, l) => sum + l.Amount);
        var description = $"{first.Tax!.InvoiceLabel} ({first.Tax.JurisdictionName})";
        var sameLines = group.All(l => l.Tax!.UnitAmount is not null && l.Tax.Units == first.Tax.Units);
        var line = sameLines
            ? new InvoiceLine(LineCategory.Taxes, description, first.Tax.Units, first.Unit, group.Sum(l => l.Tax!.UnitAmount!.Value), amount)
            : new InvoiceLine(LineCategory.Taxes, description, 1m, "charge", null, amount);
        return line with { Location = first.Location };
    }
}
