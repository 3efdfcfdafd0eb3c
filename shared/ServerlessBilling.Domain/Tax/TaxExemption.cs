using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>An exemption document: from all taxes, or from one kind, or only in one jurisdiction.</summary>
/// <param name="Kind">The tax kind exempted; null for every kind.</param>
/// <param name="Jurisdiction">The jurisdiction code exempted; null for every jurisdiction.</param>
/// <param name="ValidThrough">Last day covered (inclusive); null while in force.</param>
/// <param name="Document">Where the certificate is kept, for audit.</param>
public sealed record TaxExemption(TaxKind? Kind, string? Jurisdiction, LocalDate ValidFrom, LocalDate? ValidThrough, string Document)
{
    public bool Covers(TaxRule rule, LocalDate date) =>
        (Kind is null || Kind == rule.Kind)
        && (Jurisdiction is null || Jurisdiction == rule.Jurisdiction)
        && date >= ValidFrom && (ValidThrough is null || date <= ValidThrough);
}
