using System.Text.Json;
using NodaTime;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Tax;
using static ServerlessBilling.Tests.Tax.TaxTestData;

namespace ServerlessBilling.Tests.Tax;

/// <summary>Which notices hold a close, which tables run out, and that notices name their table and date.</summary>
public class TaxDataOptionsTests
{
    private static readonly TaxNotice Missing = new("us-fusf", TaxNoticeReason.NoRateForDate, "no rate") { Table = "federal", Date = "2026-12-01" };
    private static readonly TaxNotice Exempt = new("wa-988", TaxNoticeReason.Exempt, "exempt by x.pdf") { Table = "wa", Date = "2026-12-01" };

    [Fact]
    public void Holding_DefaultPolicy_HoldsOnEveryMissingRateOnly()
    {
        TaxDataOptions.Default.MissingRate.ShouldBe(MissingTaxRate.Hold);
        TaxDataOptions.Default.Holding([Exempt, Missing]).ShouldBe([Missing]);
        TaxDataOptions.Default.Holding([Exempt]).ShouldBeEmpty();
    }

    [Fact]
    public void Holding_WarnPolicy_HoldsOnNothing()
    {
        (TaxDataOptions.Default with { MissingRate = MissingTaxRate.Warn }).Holding([Missing, Exempt]).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_NegativeHorizon_IsAProblem()
    {
        TaxDataOptions.Default.Validate().ShouldBeEmpty();
        (TaxDataOptions.Default with { FreshnessHorizonDays = -1 }).Validate().ShouldHaveSingleItem().ShouldContain("Tax:FreshnessHorizonDays");
    }

    [Fact]
    public void Calculate_EveryNotice_NamesItsTableAndTheDateThatKeyedTheRule()
    {
        var exemption = new TaxExemption(null, "US-WA", new LocalDate(2026, 1, 1), null, "exemption-certs/acme.pdf");
        var lines = new ServiceLines(Seattle, Numbers: 5, Channels: 2, Devices: 0);

        var result = Calculate(Request(new LocalDate(2026, 7, 1), Seattle, [Item("Minutes", ProductCategory.InterconnectedVoipUsage, 100m)], [lines], exemptions: [exemption]));

        result.Notices.Select(n => (n.RuleKey, n.Reason, n.Table, n.Date)).Order().ShouldBe(
        [
            ("us-fusf", TaxNoticeReason.NoRateForDate, "federal", "2026-07-01"),
            ("wa-911-state", TaxNoticeReason.Exempt, "wa", "2026-07-01"),
            ("wa-988", TaxNoticeReason.Exempt, "wa", "2026-07-01"),
        ]);
    }

    [Fact]
    public void Expiring_ShippedTables_ListsRulesEndingWithinTheHorizonAndThoseEnded()
    {
        // us-fusf ends 2026-07-01 (the next quarter's factor is not published yet); ca-988 ended 2025-01-01.
        TaxTableFreshness.Expiring(Bundled, new LocalDate(2026, 5, 17), 45).ShouldBe(
        [
            new ExpiringTaxRule("ca-988", "ca", new LocalDate(2025, 1, 1)),
            new ExpiringTaxRule("us-fusf", "federal", new LocalDate(2026, 7, 1)),
        ]);
        TaxTableFreshness.Expiring(Bundled, new LocalDate(2026, 5, 16), 45).ShouldBe([new ExpiringTaxRule("ca-988", "ca", new LocalDate(2025, 1, 1))]);
    }

    [Fact]
    public void InvoiceJson_TaxNotices_AreWrittenAndReadBack()
    {
        var invoice = new Invoice("acme-20261101", "acme", "Acme", new ServerlessBilling.Cycles.BillingPeriod(new LocalDate(2026, 11, 1), new LocalDate(2026, 12, 1)), "USD", [])
        {
            TaxNotices = [Missing with { Location = "North" }],
        };

        var json = JsonSerializer.Serialize(invoice, BillingJson.Options);

        json.ShouldContain("\"taxNotices\":[{\"ruleKey\":\"us-fusf\",\"reason\":\"NoRateForDate\",\"detail\":\"no rate\",\"table\":\"federal\",\"date\":\"2026-12-01\",\"location\":\"North\"}]");
        JsonSerializer.Deserialize<Invoice>(json, BillingJson.Options)!.TaxNotices.ShouldBe(invoice.TaxNotices);
    }
}
