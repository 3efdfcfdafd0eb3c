using System.Globalization;
using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>Calculates an invoice's taxes from a <see cref="TaxTable"/>: a pure function of the table, the provider's settings and the request.</summary>
/// <remarks>
/// Rules run in their calculation order. For each rule: skip it when the provider has not enabled it, it is not
/// for this customer type, or nothing on the invoice is in its jurisdiction; pick the version in force on the
/// keying date (the invoice date; the USF factor may be keyed by the service period instead); then apply
/// exemptions, reseller certificates and de minimis status; then compute unrounded amounts per charge (percentage
/// rules, adding the unrounded amounts of earlier rules the rule includes) or per invoice (per-line and flat
/// rules, with the per-account line cap). A USF recovery amount is cut to its 47 CFR 54.712 cap before any later
/// rule can include it. Rounding happens last, in <see cref="TaxRounder"/>.
/// </remarks>
public static class TaxEngine
{
    public static TaxResult Calculate(TaxTable table, TaxSettings settings, TaxRequest request)
    {
        if (request.Items.FirstOrDefault(i => i.Amount.Currency != request.Currency) is { } foreign)
        {
            throw new InvalidOperationException($"'{foreign.Reference}' is in {foreign.Amount.Currency}, the invoice in {request.Currency}.");
        }

        var notices = new List<TaxNotice>();
        var pieces = new List<TaxPiece>();
        foreach (var rule in table.Rules)
        {
            if (!settings.Enables(rule) || !rule.AppliesToCustomer(request.CustomerType))
            {
                continue;
            }

            var jurisdiction = table.Jurisdiction(rule.Jurisdiction);
            if (!Touches(rule, jurisdiction, request))
            {
                continue;
            }

            var date = KeyDate(rule, settings, request);
            var ruleNotices = new List<TaxNotice>();
            pieces.AddRange(RulePieces(rule, jurisdiction, date, settings, request, pieces, ruleNotices));

            // Each notice names the table to update and the date it needed, whatever step raised it.
            notices.AddRange(ruleNotices.Select(n => n with { Table = rule.Table, Date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
        }

        notices.AddRange(UncoveredJurisdictions.Notices(table, request));
        var allocation = settings.AllocationOn(request.InvoiceDate);
        var certificate = request.ResaleCertificateOn(request.InvoiceDate);
        return new TaxResult(TaxRounder.Round(pieces.Where(p => p.Unrounded != 0m).ToList(), settings.Rounding, request.Currency), notices)
        {
            Revenue = [.. request.Items.Select((item, i) => TaxedRevenue.Of(i, item, allocation, certificate))],
        };
    }

    private static IEnumerable<TaxPiece> RulePieces(
        TaxRule rule, TaxJurisdiction jurisdiction, LocalDate date, TaxSettings settings, TaxRequest request, List<TaxPiece> earlier, List<TaxNotice> notices)
    {
        if (rule.VersionOn(date) is not { } version)
        {
            notices.Add(MissingVersion(rule, date, settings));
            return [];
        }

        if (Excluded(rule, settings, request) is { } exclusion)
        {
            notices.Add(exclusion);
            return [];
        }

        var context = new RuleContext(rule, jurisdiction, version, settings.AllocationOn(date), Category(request));
        return rule.Basis switch
        {
            TaxBasis.Percent => PercentPieces(context, request, earlier, notices),
            TaxBasis.PerLine => [PerLinePiece(context, request, notices)],
            TaxBasis.Flat => [new TaxPiece(rule, jurisdiction, version, null, null, 0m, 1m, version.UnitAmount!.Value, null, context.TelecomCategory)],
            _ => throw new InvalidOperationException($"Unknown basis {rule.Basis} on rule {rule.Key}."),
        };
    }

    private sealed record RuleContext(TaxRule Rule, TaxJurisdiction Jurisdiction, TaxRuleVersion Version, InterstateAllocation Allocation, Form499Category TelecomCategory);

    private static IEnumerable<TaxPiece> PercentPieces(RuleContext context, TaxRequest request, List<TaxPiece> earlier, List<TaxNotice> notices)
    {
        var (rule, jurisdiction, version, allocation, telecomCategory) = context;
        var rate = version.Rate!.Value;
        var included = earlier.Where(p => rule.BaseIncludes.Contains(p.Rule.Key)).ToList();
        var pieces = new List<TaxPiece>();
        for (var i = 0; i < request.Items.Count; i++)
        {
            var item = request.Items[i];
            if (!AppliesTo(rule, jurisdiction, request, item))
            {
                continue;
            }

            var index = i;
            var taxBase = RevenueAllocation.Portion(item, rule.Portion, allocation) + included.Where(p => p.ItemIndex == index).Sum(p => p.Unrounded);
            var amount = taxBase * rate;
            decimal? cap = null;
            if (rule.Kind == TaxKind.FederalUsfRecovery)
            {
                // 47 CFR 54.712: never more than the interstate and international telecom part of the charge times the factor.
                cap = RevenueAllocation.IsTelecom(item.Category) ? RevenueAllocation.UsfRecoverable(item, allocation) * rate : 0m;
                // Compared by size so a credit is never refunded more USF than the cap either.
                if (Math.Abs(amount) > Math.Abs(cap.Value))
                {
                    notices.Add(new TaxNotice(rule.Key, TaxNoticeReason.UsfCapped, $"'{item.Reference}': {amount} cut to {cap}"));
                    amount = cap.Value;
                }
            }

            var category = RevenueAllocation.IsTelecom(item.Category) ? telecomCategory : Form499Category.NonTelecom;
            pieces.Add(new TaxPiece(rule, jurisdiction, version, i, item.Reference, taxBase, 0m, amount, cap, category));
        }

        // Per-line and flat taxes belong to no single charge; a rule that includes them taxes their sum once.
        var invoiceLevel = included.Where(p => p.ItemIndex is null).Sum(p => p.Unrounded);
        if (invoiceLevel != 0m && pieces.Count > 0)
        {
            pieces.Add(new TaxPiece(rule, jurisdiction, version, null, null, invoiceLevel, 0m, invoiceLevel * rate, null, telecomCategory));
        }

        return pieces;
    }

    private static TaxPiece PerLinePiece(RuleContext context, TaxRequest request, List<TaxNotice> notices)
    {
        var (rule, jurisdiction, version, _, telecomCategory) = context;
        var unit = rule.LineUnit!.Value;
        var covered = request.Lines.Where(l => jurisdiction.Covers(l.Address)).ToList();
        foreach (var unknown in covered.Where(l => l.Count(unit) is null && l.Numbers > 0))
        {
            // Charging nothing would under-collect a tax the provider owes anyway; one line per number is what a
            // number-based table charged. Either way the customer's real capacity must be recorded, so say so.
            notices.Add(new TaxNotice(rule.Key, TaxNoticeReason.LineCountAssumed,
                $"{unit} count unknown at {unknown.Address.City}, {unknown.Address.Region}: charged {unknown.Numbers} (one per number held); set the account's tax profile"));
        }

        var lines = covered.Sum(l => l.CountOrNumbers(unit));
        if (version.MaxLinesPerAccount is { } max && lines > max)
        {
            notices.Add(new TaxNotice(rule.Key, TaxNoticeReason.LinesCapped, $"{lines} {rule.LineUnit} lines capped at {max} per account"));
            lines = max;
        }

        return new TaxPiece(rule, jurisdiction, version, null, null, 0m, lines, lines * version.UnitAmount!.Value, null, telecomCategory);
    }

    private static bool Touches(TaxRule rule, TaxJurisdiction jurisdiction, TaxRequest request) => rule.Basis switch
    {
        TaxBasis.Percent => request.Items.Any(item => AppliesTo(rule, jurisdiction, request, item)),
        TaxBasis.PerLine => request.Lines.Any(l => jurisdiction.Covers(l.Address) && l.CountOrNumbers(rule.LineUnit!.Value) > 0),
        _ => jurisdiction.Covers(request.ServiceAddress)
            && (rule.AppliesTo.Count == 0 || request.Items.Any(i => rule.AppliesTo.Contains(i.Category))),
    };

    private static bool AppliesTo(TaxRule rule, TaxJurisdiction jurisdiction, TaxRequest request, TaxableItem item) =>
        rule.AppliesTo.Contains(item.Category) && jurisdiction.Covers(item.ServiceAddress ?? request.ServiceAddress);

    private static TaxNotice? Excluded(TaxRule rule, TaxSettings settings, TaxRequest request)
    {
        if (request.Exemptions.FirstOrDefault(e => e.Covers(rule, request.InvoiceDate)) is { } exemption)
        {
            return new TaxNotice(rule.Key, TaxNoticeReason.Exempt, $"exempt by {exemption.Document}");
        }

        if (rule.ResaleExempt && request.ResaleCertificateOn(request.InvoiceDate) is { } certificate)
        {
            return new TaxNotice(rule.Key, TaxNoticeReason.Resale, $"sale for resale, certificate of filer {certificate.Filer499Id} valid through {certificate.ValidThrough:yyyy-MM-dd}");
        }

        return rule.Kind == TaxKind.FederalUsfRecovery && settings.DeMinimis
            ? new TaxNotice(rule.Key, TaxNoticeReason.DeMinimis, "the provider is de minimis and does not contribute directly")
            : null;
    }

    /// <summary>A rule with no version on the date holds the close, unless it is the USF line of a provider whose de minimis status is
    /// settled: that provider bills no USF line whatever the factor, so nothing is missing. A status computed from the ledger's
    /// year to date or the table's own factors is not settled (the held invoices and the missing quarter are exactly what it
    /// lacks), so the close stays held and the notice says how to decide the status without them.</summary>
    private static TaxNotice MissingVersion(TaxRule rule, LocalDate date, TaxSettings settings)
    {
        var usfOfDeMinimis = rule.Kind == TaxKind.FederalUsfRecovery && settings.DeMinimis;
        if (usfOfDeMinimis && settings.DeMinimisSettled)
        {
            return new TaxNotice(rule.Key, TaxNoticeReason.DeMinimis,
                $"the provider is de minimis and does not contribute directly; no USF factor is needed on {date:yyyy-MM-dd}");
        }

        var detail = $"no rate on {date:yyyy-MM-dd}; the table covers until {TaxTable.CoveredUntil(rule):yyyy-MM-dd}";
        return new TaxNotice(rule.Key, TaxNoticeReason.NoRateForDate, usfOfDeMinimis
            ? detail + "; the provider computes as de minimis, but from the ledger's year to date or the table's factors, which a held "
                + "close leaves incomplete: set Tax:DeMinimis, or Tax:ProjectedInterstateRevenue and Tax:DeMinimisFactor, to decide it without them"
            : detail);
    }

    private static LocalDate KeyDate(TaxRule rule, TaxSettings settings, TaxRequest request) =>
        rule.Kind == TaxKind.FederalUsfRecovery && settings.UsfQuarterDate == UsfQuarterDate.ServicePeriodStart
            ? request.ServicePeriodStart
            : request.InvoiceDate;

    private static Form499Category Category(TaxRequest request) =>
        request.ResaleCertificateOn(request.InvoiceDate) is null ? Form499Category.EndUserTelecom : Form499Category.CarriersCarrier;
}
