using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>The provider's own tax position: how it splits telecom revenue, its USF status, and how it rounds.</summary>
/// <param name="Allocations">Interstate allocation methods by period; the latest one starting on or before the keying date applies.</param>
/// <param name="DeMinimis">True when the provider is a de minimis USF contributor for the year: it does not contribute directly, so it bills no USF recovery line.</param>
/// <param name="Rounding">Per tax line, per invoice or per document; see <see cref="TaxRounding"/>.</param>
/// <param name="UsfQuarterDate">Which date picks the USF factor's quarter.</param>
/// <param name="EnabledOptionalRules">Keys of optional company fees the provider bills.</param>
public sealed record TaxSettings(
    IReadOnlyList<InterstateAllocation> Allocations,
    bool DeMinimis = false,
    TaxRounding Rounding = TaxRounding.PerInvoice,
    UsfQuarterDate UsfQuarterDate = UsfQuarterDate.InvoiceDate,
    IReadOnlyList<string>? EnabledOptionalRules = null)
{
    /// <summary>Safe harbor from the beginning, invoice rounding, USF keyed by invoice date, no optional fees.</summary>
    public static TaxSettings Default { get; } = new([InterstateAllocation.SafeHarbor(new LocalDate(2000, 1, 1))]);

    public InterstateAllocation AllocationOn(LocalDate date) =>
        Allocations.Where(a => a.From <= date).MaxBy(a => a.From)
        ?? throw new InvalidOperationException($"No interstate allocation method is set for {date:yyyy-MM-dd}.");

    public bool Enables(TaxRule rule) => !rule.Optional || (EnabledOptionalRules?.Contains(rule.Key) ?? false);
}

/// <summary>How interconnected VoIP revenue is split into interstate, international and intrastate from <see cref="From"/> on.</summary>
/// <param name="InterstateShare">Fraction of telecom revenue that is interstate (0.649 for the safe harbor).</param>
/// <param name="InternationalShare">Fraction that is international, for usage not already rated as international.</param>
public sealed record InterstateAllocation(LocalDate From, AllocationMethod Method, decimal InterstateShare, decimal InternationalShare = 0m)
{
    /// <summary>The FCC's interim safe harbor for interconnected VoIP: 64.9 % interstate (FCC 06-94).</summary>
    public const decimal SafeHarborShare = 0.649m;

    public static InterstateAllocation SafeHarbor(LocalDate from) => new(from, AllocationMethod.SafeHarbor, SafeHarborShare);

    public static InterstateAllocation TrafficStudy(LocalDate from, decimal interstateShare, decimal internationalShare = 0m) =>
        new(from, AllocationMethod.TrafficStudy, interstateShare, internationalShare);

    /// <summary>Every telecom item carries its own <see cref="RevenueSplit"/>.</summary>
    public static InterstateAllocation Actual(LocalDate from) => new(from, AllocationMethod.Actual, 0m);
}

/// <summary>How the interstate share of interconnected VoIP revenue is established (FCC 06-94).</summary>
public enum AllocationMethod
{
    /// <summary>The FCC's 64.9 % interim safe harbor.</summary>
    SafeHarbor,

    /// <summary>A share from the provider's own traffic study, kept on file.</summary>
    TrafficStudy,

    /// <summary>Each charge's actual interstate and international amounts.</summary>
    Actual,
}

/// <summary>Where tax amounts are rounded to the cent, always half away from zero.</summary>
public enum TaxRounding
{
    /// <summary>Each charge's tax is rounded on its own, one tax line per charge and rule.</summary>
    PerLine,

    /// <summary>A rule's unrounded taxes are summed over the invoice (per Form 499-A category) and rounded once.</summary>
    PerInvoice,

    /// <summary>One tax line per charge, as <see cref="PerLine"/>, adding up per rule to the rounded sum, as <see cref="PerInvoice"/>: the cents
    /// the per-line roundings miss go to the rule's largest line (tax services' document-level rounding).</summary>
    PerDocument,
}

/// <summary>The date that picks the quarter of the USF contribution factor.</summary>
public enum UsfQuarterDate
{
    /// <summary>The bill date, as the FCC's quarterly public notices word the limit.</summary>
    InvoiceDate,
    ServicePeriodStart,
}
