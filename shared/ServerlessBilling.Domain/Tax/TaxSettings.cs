using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>The provider's own tax position: how it splits telecom revenue, its USF status, and how it rounds.</summary>
/// <param name="Allocations">Interstate allocation methods by period; the latest one starting on or before the keying date applies.</param>
/// <param name="DeMinimis">True when the provider is a de minimis USF contributor for the year: it does not contribute directly, so it bills no USF recovery line.</param>
/// <param name="Rounding">Per tax line, per invoice or per document; see <see cref="TaxRounding"/>.</param>
/// <param name="UsfQuarterDate">Which date picks the USF factor's quarter.</param>
/// <param name="EnabledOptionalRules">Keys of optional company fees the provider bills.</param>
/// <param name="DeMinimisSettled">True when <paramref name="DeMinimis"/> does not rest on anything a held close leaves incomplete (the
/// operator's override, or a projection and a factor from the settings or the year's instructions): only then may a de minimis
/// provider skip a USF factor the table lacks (<see cref="DeMinimisAssessment.Settled"/>).</param>
public sealed record TaxSettings(
    IReadOnlyList<InterstateAllocation> Allocations,
    bool DeMinimis = false,
    TaxRounding Rounding = TaxRounding.PerInvoice,
    UsfQuarterDate UsfQuarterDate = UsfQuarterDate.InvoiceDate,
    IReadOnlyList<string>? EnabledOptionalRules = null,
    bool DeMinimisSettled = false)
{
    /// <summary>Safe harbor from the beginning, invoice rounding, USF keyed by invoice date, no optional fees.</summary>
    public static TaxSettings Default { get; } = new([InterstateAllocation.SafeHarbor(new LocalDate(2000, 1, 1))]);

    public InterstateAllocation AllocationOn(LocalDate date) =>
        Allocations.Where(a => a.From <= date).MaxBy(a => a.From)
        ?? throw new InvalidOperationException($"No interstate allocation method is set for {date:yyyy-MM-dd}.");

    public bool Enables(TaxRule rule) => !rule.Optional || (EnabledOptionalRules?.Contains(rule.Key) ?? false);
}
