using NodaTime;
using ServerlessBilling.Tax;
using static ServerlessBilling.Tests.Tax.TaxTestData;

namespace ServerlessBilling.Tests.Tax;

/// <summary>The shipped North Carolina table: 7 % sales tax on telecom with the federal lines in its base.</summary>
public class NorthCarolinaTests
{
    public static TheoryData<bool, decimal, decimal> RecoveryFee => new()
    {
        // USF 100 × 64.9 % × 37.0 % (Q2 2026) = 24.013; fee 64.9 × 0.302 % = 0.195998;
        // NC base 100 + 24.013 + 0.195998 = 124.208998; × 7 % = 8.69462986 → 8.69.
        { true, 124.208998m, 8.69m },
        // Without the optional fee: 124.013 × 7 % = 8.68091 → 8.68.
        { false, 124.013m, 8.68m },
    };

    [Theory]
    [MemberData(nameof(RecoveryFee))]
    public void Calculate_DurhamAccessCharge_SalesTaxOnChargeAndFederalLines(bool feeEnabled, decimal salesBase, decimal salesTax)
    {
        var settings = TaxSettings.Default with { EnabledOptionalRules = feeEnabled ? ["us-federal-recovery"] : [] };

        var result = Calculate(Request(new LocalDate(2026, 5, 1), Durham, [Item("VoIP access", ProductCategory.VoipAccess, 100m)]), settings);

        result.Single("us-fusf").Amount.Amount.ShouldBe(24.01m);
        var sales = result.Single("nc-sales");
        (sales.TaxableBase, sales.Amount.Amount, sales.Jurisdiction).ShouldBe((salesBase, salesTax, "US-NC"));
    }

    [Fact]
    public void Calculate_DurhamAiPlatformOnly_NoNorthCarolinaTax()
    {
        var result = Calculate(Request(new LocalDate(2026, 5, 1), Durham, [Item("Platform fee", ProductCategory.AiPlatform, 100m)]));

        result.Lines.ShouldBeEmpty();
    }
}
