using NodaTime;
using ServerlessBilling.Payments;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;

namespace ServerlessBilling.ResellerConsole;

/// <summary>What the console's dashboard shows, each part read from the report the API gives for it.</summary>
/// <param name="Aging">Open balances by days overdue, as <c>GET /api/reports/ar-aging</c> answers now.</param>
/// <param name="Ingest">The ingest counters of the last <see cref="ConsoleDashboard.IngestDays"/> UTC days, per source and day.</param>
/// <param name="Quarantine">What is held, per source, kind and field; the sources are those the counters saw in
/// <see cref="ConsoleDashboard.QuarantineDays"/> days, since a record is counted on the day it is quarantined.</param>
/// <param name="Margins">Billed price against upstream cost per month, per vendor and component, and the worst calls, across accounts.</param>
/// <param name="Vendors">The vendors with a cost plan (<see cref="Upstream.ICostPlans.ListVendorsAsync"/>), which the margin per vendor
/// can be narrowed to.</param>
/// <param name="ExpiringTaxRules">Tax rules whose newest rate ends within <paramref name="TaxHorizonDays"/> (run out ones too).</param>
public sealed record DashboardFigures(
    LocalDate Today,
    AgingReport Aging,
    IngestCountReport Ingest,
    IReadOnlyList<QuarantineGroup> Quarantine,
    IReadOnlyList<ExpiringTaxRule> ExpiringTaxRules,
    int TaxHorizonDays,
    MarginRollUp Margins,
    IReadOnlyList<string> Vendors);
