using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>The FCC Form 499-A revenue worksheet of one calendar year, from the tax ledger of the invoices and credit notes issued in it.</summary>
/// <remarks>
/// Revenue rows: one per 499-A category, product category and currency (and, for carrier's-carrier revenue, per
/// reseller certificate relied on), with the total and its interstate / international / intrastate columns as
/// the invoices were taxed. Surcharge rows: federal USF recovery billed (line 403, interstate column) and state USF
/// billed (line 403, intrastate column); the federal regulatory recovery fee is a company charge reported with the
/// service (interstate column). Government taxes and 911/988 fees are not revenue and are left out (see the tax
/// liability report). Line numbers are those of the research notes and must be checked against the filing
/// year's instructions; amounts stay in cents (the form is filed in whole dollars). A credit note issued in the year
/// is netted in every row it touches (its ledger row is negative), whatever the year of the invoice it corrects.
/// </remarks>
public sealed record Form499Worksheet(int Year, int Invoices, IReadOnlyList<Form499Row> Rows, IReadOnlyList<CertificateReliedOn> Certificates, int CreditNotes = 0)
{
    public const string EndUserVoipLine = "404.4";
    public const string CarriersCarrierLine = "303";
    public const string NonTelecomLine = "418";
    public const string UsfSurchargeLine = "403";

    /// <summary>Whether the provider is de minimis for the year and how that was computed (47 CFR 54.708); the filing is due either way.</summary>
    public DeMinimisAssessment? DeMinimis { get; init; }

    public static Form499Worksheet For(int year, IReadOnlyList<TaxLedgerEntry> entries)
    {
        var rows = new List<Form499Row>();
        rows.AddRange(entries
            .SelectMany(e => e.Revenue.Select(r => (Entry: e, Revenue: r)))
            .GroupBy(x => (x.Revenue.Form499, x.Revenue.Category, x.Revenue.ResellerFiler499Id, x.Revenue.CertificateValidThrough, x.Entry.Currency, x.Revenue.Method))
            .Select(g => RevenueRow(g.Key.Form499, g.Key.Category, g.Key.ResellerFiler499Id, g.Key.CertificateValidThrough, g.Key.Currency,
                g.Sum(x => x.Revenue.Total), g.Sum(x => x.Revenue.Interstate), g.Sum(x => x.Revenue.International), g.Sum(x => x.Revenue.Intrastate),
                g.Select(x => x.Entry).Invoices()) with { Method = g.Key.Form499 == Form499Category.NonTelecom ? null : g.Key.Method, CreditNotes = g.Select(x => x.Entry).CreditNotes() }));
        rows.AddRange(entries
            .SelectMany(e => e.Taxes.Select(t => (Entry: e, Tax: t)))
            .Where(x => x.Tax.Kind is TaxKind.FederalUsfRecovery or TaxKind.StateUsf or TaxKind.FederalRecoveryFee)
            .GroupBy(x => (x.Tax.Kind, x.Entry.Currency))
            .Select(g => SurchargeRow(g.Key.Kind, g.Key.Currency, g.Sum(x => x.Tax.Amount), g.Select(x => x.Entry).Invoices()) with { CreditNotes = g.Select(x => x.Entry).CreditNotes() }));
        rows.AddRange(entries.Where(e => e.UnclassifiedRevenue != 0m).GroupBy(e => e.Currency).Select(g => new Form499Row(
            "-", "-", "Not taxed (account without a service address): place before filing", null, "unclassified", null, null, g.Key,
            g.Sum(e => e.UnclassifiedRevenue), 0m, 0m, 0m, g.Invoices()) { CreditNotes = g.CreditNotes() }));

        var certificates = entries
            .SelectMany(e => e.Revenue.Where(r => r.ResellerFiler499Id is not null).Select(r => (Entry: e, Revenue: r)))
            .GroupBy(x => (x.Entry.AccountId, x.Revenue.ResellerFiler499Id, x.Revenue.CertificateValidThrough, x.Entry.Currency))
            .Select(g => new CertificateReliedOn(g.Key.AccountId, g.Key.ResellerFiler499Id!, g.Key.CertificateValidThrough!.Value, g.Key.Currency,
                g.Sum(x => x.Revenue.Total), g.Select(x => x.Entry).Invoices()) { CreditNotes = g.Select(x => x.Entry).CreditNotes() })
            .OrderBy(c => c.AccountId, StringComparer.Ordinal).ThenBy(c => c.Filer499Id, StringComparer.Ordinal);

        return new Form499Worksheet(year, entries.Invoices(),
            [.. rows.OrderBy(r => r.Block, StringComparer.Ordinal).ThenBy(r => r.Line, StringComparer.Ordinal).ThenBy(r => r.Description, StringComparer.Ordinal)
                .ThenBy(r => r.ResellerFiler499Id, StringComparer.Ordinal).ThenBy(r => r.Currency, StringComparer.Ordinal).ThenBy(r => r.Method)],
            [.. certificates], entries.CreditNotes());
    }

    private static Form499Row RevenueRow(
        Form499Category form499, ProductCategory category, string? filer, LocalDate? validThrough, string currency,
        decimal total, decimal interstate, decimal international, decimal intrastate, int invoices) => form499 switch
    {
        Form499Category.CarriersCarrier => new Form499Row("3", CarriersCarrierLine, $"Carrier's carrier: {category} sold for resale", category, "certified-reseller",
            filer, validThrough, currency, total, interstate, international, intrastate, invoices),
        Form499Category.EndUserTelecom => new Form499Row("4-A", EndUserVoipLine, $"End user: {category}", category, "end-user",
            null, null, currency, total, interstate, international, intrastate, invoices),
        _ => new Form499Row("4-A", NonTelecomLine, $"Non-telecom: {category}", category, "end-user",
            null, null, currency, total, 0m, 0m, total, invoices),
    };

    private static Form499Row SurchargeRow(TaxKind kind, string currency, decimal amount, int invoices) => kind switch
    {
        TaxKind.FederalUsfRecovery => new Form499Row("4-A", UsfSurchargeLine, "Federal USF recovery billed", null, "end-user", null, null, currency, amount, amount, 0m, 0m, invoices),
        TaxKind.StateUsf => new Form499Row("4-A", UsfSurchargeLine, "State USF billed", null, "end-user", null, null, currency, amount, 0m, 0m, amount, invoices),
        _ => new Form499Row("4-A", EndUserVoipLine, "Federal regulatory recovery fee billed", null, "end-user", null, null, currency, amount, amount, 0m, 0m, invoices),
    };
}
