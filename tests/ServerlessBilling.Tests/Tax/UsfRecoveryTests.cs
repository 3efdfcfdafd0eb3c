using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Tax;
using static ServerlessBilling.Tests.Tax.TaxTestData;

namespace ServerlessBilling.Tests.Tax;

/// <summary>The federal USF recovery line from the shipped table, for a customer in Colorado (no state rules shipped).</summary>
public class UsfRecoveryTests
{
    private static LocalDate Date(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    private static readonly TaxableItem Minutes = Item("Outbound calling minutes", ProductCategory.InterconnectedVoipUsage, 100m);

    [Theory]
    // $100 of VoIP usage, safe harbor: base 100 × 0.649 = 64.90. The amount is the 47 CFR 54.712 cap itself,
    // so where half-up rounding would go above it (23.5587 → 23.56) the line is rounded down instead.
    [InlineData("2025-03-31", 0.363, 23.5587, 23.55)]   // last day of Q1 2025: 64.9 × 0.363
    [InlineData("2025-04-01", 0.366, 23.7534, 23.75)]   // first day of Q2 2025: 64.9 × 0.366
    [InlineData("2025-12-31", 0.381, 24.7269, 24.72)]   // last day of Q4 2025 (record 38.1 %)
    [InlineData("2026-01-01", 0.376, 24.4024, 24.40)]   // first day of Q1 2026
    [InlineData("2026-06-30", 0.370, 24.013, 24.01)]    // last quarter in the table
    public void Calculate_InvoiceDateAtQuarterBoundary_UsesThatQuartersFactor(string invoiceDate, double factor, double unrounded, double amount)
    {
        var line = Calculate(Request(Date(invoiceDate), Denver, [Minutes])).Single("us-fusf");

        line.Rate.ShouldBe((decimal)factor);
        line.TaxableBase.ShouldBe(64.9m);
        line.Unrounded.ShouldBe((decimal)unrounded);
        line.Amount.ShouldBe(new Money((decimal)amount, "USD"));
        line.Level.ShouldBe(JurisdictionLevel.Federal);
        line.BaseCategory.ShouldBe(Form499Category.EndUserTelecom);
    }

    [Fact]
    public void Calculate_QuarterNotInTable_NoLineAndANotice()
    {
        var result = Calculate(Request(Date("2026-07-01"), Denver, [Minutes]));

        result.Lines.ShouldBeEmpty();
        result.Notices.ShouldBe([new TaxNotice("us-fusf", TaxNoticeReason.NoRateForDate, "no rate on 2026-07-01; the table covers until 2026-07-01") { Table = "federal", Date = "2026-07-01" }, DenverNotCovered("2026-07-01")]);
    }

    [Theory]
    // Invoice of 2026-04-01 for March: Q2's 0.370 by invoice date (64.9 × 0.370 = 24.013),
    // Q1's 0.376 by service period (64.9 × 0.376 = 24.4024).
    [InlineData(UsfQuarterDate.InvoiceDate, 24.01)]
    [InlineData(UsfQuarterDate.ServicePeriodStart, 24.40)]
    public void Calculate_UsfQuarterDateSetting_PicksTheQuarter(UsfQuarterDate keyedBy, double amount)
    {
        var settings = TaxSettings.Default with { UsfQuarterDate = keyedBy };

        var line = Calculate(Request(Date("2026-04-01"), Denver, [Minutes], servicePeriodStart: Date("2026-03-01")), settings).Single("us-fusf");

        line.Amount.Amount.ShouldBe((decimal)amount);
    }

    [Fact]
    public void Calculate_AiPlatformFee_StaysOutOfTheUsfBase()
    {
        // Telecom is 100 + 20 = 120; the $500 platform fee is not telecom.
        // Base 120 × 0.649 = 77.88; 77.88 × 0.376 = 29.28288 → 29.28.
        var items = new[]
        {
            Item("Pro platform fee", ProductCategory.AiPlatform, 500m),
            Minutes,
            Item("Local numbers (4)", ProductCategory.VoipAccess, 20m),
        };

        var result = Calculate(Request(Date("2026-02-10"), Denver, items));

        var line = result.Single("us-fusf");
        line.TaxableBase.ShouldBe(77.88m);
        line.Unrounded.ShouldBe(29.28288m);
        line.Amount.Amount.ShouldBe(29.28m);
        Calculate(Request(Date("2026-02-10"), Denver, [items[0]])).Lines.ShouldBeEmpty();
    }

    [Theory]
    // Certificate signed 2025-03-01, valid through 2026-02-28.
    [InlineData("2026-02-10", false)]   // valid: carrier's-carrier revenue, no USF line
    [InlineData("2026-02-28", false)]   // last day covered
    [InlineData("2026-03-01", true)]    // expired: end-user revenue, 64.9 × 0.376 = 24.4024 → 24.40
    public void Calculate_ResellerCertificate_ExemptsFromUsfOnlyWhileValid(string invoiceDate, bool billed)
    {
        var certificate = new ResellerCertificate("812345", Date("2025-03-01"), Date("2026-02-28"));

        var result = Calculate(Request(Date(invoiceDate), Denver, [Minutes], certificates: [certificate]));

        if (billed)
        {
            result.Single("us-fusf").Amount.Amount.ShouldBe(24.40m);
            result.Notices.ShouldBe([DenverNotCovered(invoiceDate)]);
        }
        else
        {
            result.Lines.ShouldBeEmpty();
            result.Notices.Count.ShouldBe(2);
            result.Notices[0].Reason.ShouldBe(TaxNoticeReason.Resale);
            result.Notices[0].Detail.ShouldContain("812345");
            result.Notices[1].ShouldBe(DenverNotCovered(invoiceDate));
        }
    }

    [Theory]
    // Q1 2026 factor 0.376 on $100 of usage.
    [InlineData(AllocationMethod.SafeHarbor, 64.9, 24.40)]    // 64.90 × 0.376 = 24.4024
    [InlineData(AllocationMethod.TrafficStudy, 25, 9.40)]     // study: 25 % interstate; 25 × 0.376 = 9.40
    [InlineData(AllocationMethod.Actual, 45, 16.92)]          // actual: 40 interstate + 5 international; 45 × 0.376 = 16.92
    public void Calculate_AllocationMethod_SetsTheInterstateBase(AllocationMethod method, double taxableBase, double amount)
    {
        var from = Date("2026-01-01");
        var allocation = method switch
        {
            AllocationMethod.SafeHarbor => InterstateAllocation.SafeHarbor(from),
            AllocationMethod.TrafficStudy => InterstateAllocation.TrafficStudy(from, 0.25m),
            _ => InterstateAllocation.Actual(from),
        };
        var item = Minutes with { Split = new RevenueSplit(40m, 5m) };

        var line = Calculate(Request(Date("2026-02-10"), Denver, [item]), new TaxSettings([allocation])).Single("us-fusf");

        line.TaxableBase.ShouldBe((decimal)taxableBase);
        line.Amount.Amount.ShouldBe((decimal)amount);
    }

    [Fact]
    public void Calculate_DeMinimisProvider_BillsNoUsfLine()
    {
        var result = Calculate(Request(Date("2026-02-10"), Denver, [Minutes]), TaxSettings.Default with { DeMinimis = true });

        result.Lines.ShouldBeEmpty();
        result.Notices.Select(n => n.Reason).ShouldBe([TaxNoticeReason.DeMinimis, TaxNoticeReason.JurisdictionNotCovered]);
        result.Notices[1].ShouldBe(DenverNotCovered("2026-02-10"));
    }

    [Fact]
    public void Calculate_OptionalRecoveryFee_BilledOnlyWhenEnabled()
    {
        // 0.302 % of the interstate part: 64.9 × 0.00302 = 0.195998 → 0.20.
        var settings = TaxSettings.Default with { EnabledOptionalRules = ["us-federal-recovery"] };

        Calculate(Request(Date("2026-02-10"), Denver, [Minutes])).Lines.Select(l => l.RuleKey).ShouldBe(["us-fusf"]);
        var fee = Calculate(Request(Date("2026-02-10"), Denver, [Minutes]), settings).Single("us-federal-recovery");
        fee.Unrounded.ShouldBe(0.195998m);
        fee.Amount.Amount.ShouldBe(0.20m);
    }
}
