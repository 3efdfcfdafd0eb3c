using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Tests.Tax;

/// <summary>Addresses, requests and small hand-made tables for the tax tests.</summary>
internal static class TaxTestData
{
    public static readonly PostalAddress Denver = new("1 Larimer St", "Denver", "CO", "80202", "US");
    public static readonly PostalAddress LosAngeles = new("1 Main St", "Los Angeles", "CA", "90012", "US");
    public static readonly PostalAddress Miami = new("1 Ocean Dr", "Miami", "FL", "33139", "US");
    public static readonly PostalAddress Tampa = new("1 Bay St", "Tampa", "FL", "33602", "US");
    public static readonly PostalAddress Manhattan = new("1 Broadway", "New York", "NY", "10004", "US");
    public static readonly PostalAddress Seattle = new("1 Pike St", "Seattle", "WA", "98101", "US");
    public static readonly PostalAddress Chicago = new("1 State St", "Chicago", "IL", "60602", "US");
    public static readonly PostalAddress Springfield = new("1 Capitol Ave", "Springfield", "IL", "62701", "USA");
    public static readonly PostalAddress Durham = new("1 Main St", "Durham", "NC", "27701", "US");

    public static TaxTable Bundled { get; } = TaxTableLoader.LoadBundled();

    public static TaxableItem Item(string reference, ProductCategory category, decimal amount) =>
        new(reference, category, new Money(amount, "USD"));

    public static TaxRequest Request(
        LocalDate invoiceDate,
        PostalAddress address,
        IReadOnlyList<TaxableItem>? items = null,
        IReadOnlyList<ServiceLines>? lines = null,
        IReadOnlyList<ResellerCertificate>? certificates = null,
        IReadOnlyList<TaxExemption>? exemptions = null,
        LocalDate? servicePeriodStart = null) =>
        new("acme", "USD", invoiceDate, servicePeriodStart ?? invoiceDate.PlusMonths(-1), CustomerType.Business, address,
            items ?? [], lines ?? [], certificates ?? [], exemptions ?? []);

    public static TaxResult Calculate(TaxRequest request, TaxSettings? settings = null, TaxTable? table = null) =>
        TaxEngine.Calculate(table ?? Bundled, settings ?? TaxSettings.Default, request);

    /// <summary>The notice of an invoice in Denver on <paramref name="date"/>: no shipped table covers Colorado, so only the federal rules apply.</summary>
    public static TaxNotice DenverNotCovered(string date) =>
        new("US-CO", TaxNoticeReason.JurisdictionNotCovered,
            "no tax table covers Denver, CO: only the federal rules were applied; store a table for the state if taxes are owed there") { Date = date };

    public static TaxLine Single(this TaxResult result, string ruleKey) => result.Lines.Single(l => l.RuleKey == ruleKey);

    /// <summary>A one-version percentage rule of a hand-made table, in force from 2000.</summary>
    public static TaxRule Percent(
        string key,
        string jurisdiction,
        TaxKind kind,
        decimal rate,
        int order,
        RevenuePortion portion = RevenuePortion.Total,
        ProductCategory[]? appliesTo = null,
        string[]? includes = null) =>
        new(key, jurisdiction, kind, key, TaxBasis.Percent,
            appliesTo ?? [ProductCategory.InterconnectedVoipUsage, ProductCategory.VoipAccess], [], portion, null, order,
            includes ?? [], ResaleExempt: false, Optional: false,
            [new TaxRuleVersion(new LocalDate(2000, 1, 1), null, rate, null, null, SourceStatus.Verified, "test", new LocalDate(2026, 1, 1))]);

    public static TaxTable Table(params TaxRule[] rules) => TaxTable.Create(
        [new TaxJurisdiction("US", JurisdictionLevel.Federal, "United States"), new TaxJurisdiction("US-NC", JurisdictionLevel.State, "North Carolina", Region: "NC")],
        rules);
}
