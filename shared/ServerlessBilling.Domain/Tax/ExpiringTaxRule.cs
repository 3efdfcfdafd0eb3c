using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>A rule whose newest rate ends soon (or has ended): invoices dated from <see cref="CoveredUntil"/> on find no rate.</summary>
/// <param name="Table">The document to update (<c>federal</c>, <c>ca</c> ...).</param>
/// <param name="CoveredUntil">The first day no version of the rule covers.</param>
public sealed record ExpiringTaxRule(string RuleKey, string? Table, LocalDate CoveredUntil);
