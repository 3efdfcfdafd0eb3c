using NodaTime;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Tests.Tax;

/// <summary>The year's reports from hand-written ledger entries, each expected figure added up by hand in the comments.</summary>
public class TaxReportsTests
{
    private static LedgerTax Usf(decimal amount, decimal unrounded) => new("us-fusf", "US", "United States", JurisdictionLevel.Federal, TaxKind.FederalUsfRecovery, amount, unrounded);

    private static LedgerTax Ca911(decimal amount) => new("ca-911", "US-CA", "California", JurisdictionLevel.State, TaxKind.Emergency911, amount, amount);

    private static readonly TaxLedgerEntry February = new("a-20260101", "INV-1", "acct-a", new LocalDate(2026, 2, 1), "USD",
        [
            new(ProductCategory.InterconnectedVoipUsage, Form499Category.EndUserTelecom, null, null, 100m, 64.9m, 0m, 35.1m, AllocationMethod.SafeHarbor),
            new(ProductCategory.AiPlatform, Form499Category.NonTelecom, null, null, 50m, 0m, 0m, 50m),
        ],
        [Usf(24.40m, 24.4024m), Ca911(0.60m)], 0m);

    private static readonly TaxLedgerEntry March = new("b-20260201", "INV-2", "acct-b", new LocalDate(2026, 3, 1), "USD",
        [
            new(ProductCategory.VoipAccess, Form499Category.CarriersCarrier, "831234", new LocalDate(2026, 12, 31), 20m, 12.98m, 0m, 7.02m, AllocationMethod.SafeHarbor),
            new(ProductCategory.InternationalVoipUsage, Form499Category.EndUserTelecom, null, null, 10m, 0m, 10m, 0m),
        ],
        [Usf(3.76m, 3.76m), Ca911(0.30m)], 0m);

    private static readonly TaxLedgerEntry May = new("a-20260401", "INV-3", "acct-a", new LocalDate(2026, 5, 1), "USD",
        [new(ProductCategory.InterconnectedVoipUsage, Form499Category.EndUserTelecom, null, null, 200m, 129.8m, 0m, 70.2m, AllocationMethod.SafeHarbor)],
        [Usf(48.03m, 48.026m), new("tx-usf", "US-TX", "Texas", JurisdictionLevel.State, TaxKind.StateUsf, 8.42m, 8.424m)], 5m);

    private static readonly TaxLedgerEntry[] Year = [February, March, May];

    [Fact]
    public void Form499_Year_RevenueByLineAndColumnWithSurchargesAndCertificates()
    {
        var worksheet = Form499Worksheet.For(2026, Year);

        worksheet.Invoices.ShouldBe(3);
        worksheet.Rows.Select(r => (r.Block, r.Line, r.Description, r.ResellerFiler499Id, r.Total, r.Interstate, r.International, r.Intrastate, r.Invoices)).ShouldBe(
        [
            ("-", "-", "Not taxed (account without a service address): place before filing", null, 5m, 0m, 0m, 0m, 1),
            ("3", "303", "Carrier's carrier: VoipAccess sold for resale", "831234", 20m, 12.98m, 0m, 7.02m, 1),
            // 24.40 + 3.76 + 48.03 = 76.19, all in the interstate column.
            ("4-A", "403", "Federal USF recovery billed", null, 76.19m, 76.19m, 0m, 0m, 3),
            ("4-A", "403", "State USF billed", null, 8.42m, 0m, 0m, 8.42m, 1),
            // 100 + 200 = 300; 64.9 + 129.8 = 194.7; 35.1 + 70.2 = 105.3.
            ("4-A", "404.4", "End user: InterconnectedVoipUsage", null, 300m, 194.7m, 0m, 105.3m, 2),
            ("4-A", "404.4", "End user: InternationalVoipUsage", null, 10m, 0m, 10m, 0m, 1),
            ("4-A", "418", "Non-telecom: AiPlatform", null, 50m, 0m, 0m, 50m, 1),
        ]);
        worksheet.Rows.Where(r => r.Category is ProductCategory.InterconnectedVoipUsage or ProductCategory.VoipAccess).ShouldAllBe(r => r.Method == AllocationMethod.SafeHarbor);
        worksheet.Rows.Single(r => r.Category == ProductCategory.AiPlatform).Method.ShouldBeNull();
        worksheet.Certificates.ShouldBe([new CertificateReliedOn("acct-b", "831234", new LocalDate(2026, 12, 31), "USD", 20m, 1)]);
    }

    [Fact]
    public void UsfRecovery_Year_BilledAgainstTheEndUserInterstateAndInternationalBasePerQuarter()
    {
        var report = UsfRecoveryReport.For(2026, Year);

        report.Quarters.ShouldBe(
        [
            // Base 64.9 + 10 (the resale access is not end-user revenue) = 74.9; billed 24.40 + 3.76 = 28.16; 28.16 / 74.9 = 0.3759679...
            new UsfQuarter("2026-Q1", "USD", 2, 74.9m, 28.16m, 0.375968m),
            // 48.03 / 129.8 = 0.3700308...
            new UsfQuarter("2026-Q2", "USD", 1, 129.8m, 48.03m, 0.370031m),
        ]);
    }

    [Fact]
    public void Liability_Year_PerMonthJurisdictionAndKind()
    {
        var report = TaxLiabilityReport.For(2026, Year);

        report.Rows.Select(r => (r.Month, r.Jurisdiction, r.Kind, r.Amount, r.Unrounded)).ShouldBe(
        [
            ("2026-02", "US", TaxKind.FederalUsfRecovery, 24.40m, 24.4024m),
            ("2026-02", "US-CA", TaxKind.Emergency911, 0.60m, 0.60m),
            ("2026-03", "US", TaxKind.FederalUsfRecovery, 3.76m, 3.76m),
            ("2026-03", "US-CA", TaxKind.Emergency911, 0.30m, 0.30m),
            ("2026-05", "US", TaxKind.FederalUsfRecovery, 48.03m, 48.026m),
            ("2026-05", "US-TX", TaxKind.StateUsf, 8.42m, 8.424m),
        ]);
    }

    [Fact]
    public void Csv_TextFromOutside_IsNeutralizedAndNumbersStayNumbers()
    {
        var hostile = March with
        {
            AccountId = "=HYPERLINK(\"http://x\",\"pay\")",
            Revenue = [March.Revenue[0] with { ResellerFiler499Id = "+831234" }],
        };
        var worksheet = Form499Worksheet.For(2026, [hostile]);

        var rows = TaxReportCsv.Write(worksheet).Split('\n');
        var certificates = TaxReportCsv.WriteCertificates(worksheet).Split('\n');

        rows[1].ShouldBe("3,303,Carrier's carrier: VoipAccess sold for resale,VoipAccess,certified-reseller,'+831234,2026-12-31,USD,20,12.98,0,7.02,1,SafeHarbor,0");
        certificates[1].ShouldBe("\"'=HYPERLINK(\"\"http://x\"\",\"\"pay\"\")\",'+831234,2026-12-31,USD,20,1,0");
        TaxReportCsv.Write(UsfRecoveryReport.For(2026, Year)).Split('\n')[1].ShouldBe("2026-Q1,USD,2,74.9,28.16,0.375968,0");
        TaxReportCsv.Write(TaxLiabilityReport.For(2026, Year)).Split('\n')[2].ShouldBe("2026-02,US-CA,California,State,Emergency911,ca-911,USD,0.60,0.60,1,0");
    }
}
