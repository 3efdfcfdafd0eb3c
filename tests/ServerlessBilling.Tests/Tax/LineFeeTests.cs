using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Tax;
using static ServerlessBilling.Tests.Tax.TaxTestData;

namespace ServerlessBilling.Tests.Tax;

/// <summary>911 and 988 fees from the shipped tables: each jurisdiction counts a different kind of "line".</summary>
public class LineFeeTests
{
    private static readonly LocalDate June2024 = new(2024, 6, 15);

    public static TheoryData<string, string, decimal, decimal> FeesForTenNumbersThreeChannelsFourDevices => new()
    {
        // California counts concurrent outbound channels: 3 × $0.30 = $0.90; 988 in 2024: 3 × $0.08 = $0.24.
        { "LosAngeles", "ca-911", 3, 0.90m },
        { "LosAngeles", "ca-988", 3, 0.24m },
        // Florida counts service identifiers (numbers): 10 × $0.40 = $4.00.
        { "Miami", "fl-e911", 10, 4.00m },
        // New York City counts VoIP devices: 4 × $1.00 = $4.00.
        { "Manhattan", "nyc-e911", 4, 4.00m },
        // Washington counts lines capable of simultaneous outward calling, not numbers (RCW 82.14B.030, RCW 82.86.020(2);
        // DOR 2010-11-16): state 3 × $0.25, county 3 × $0.70, 988 3 × $0.40.
        { "Seattle", "wa-911-state", 3, 0.75m },
        { "Seattle", "wa-911-county", 3, 2.10m },
        { "Seattle", "wa-988", 3, 1.20m },
        // Illinois counts concurrent voice paths: Chicago 3 × $5.00; elsewhere 3 × $1.50.
        { "Chicago", "chicago-911", 3, 15.00m },
        { "Springfield", "il-911", 3, 4.50m },
    };

    private static PostalAddress Address(string name) => name switch
    {
        "LosAngeles" => LosAngeles,
        "Miami" => Miami,
        "Manhattan" => Manhattan,
        "Seattle" => Seattle,
        "Chicago" => Chicago,
        _ => Springfield,
    };

    [Theory]
    [MemberData(nameof(FeesForTenNumbersThreeChannelsFourDevices))]
    public void Calculate_SameCustomerInEachState_CountsTheStatesLineUnit(string place, string ruleKey, decimal units, decimal amount)
    {
        var address = Address(place);

        var result = Calculate(Request(June2024, address, lines: [new ServiceLines(address, Numbers: 10, Channels: 3, Devices: 4)]));

        var line = result.Single(ruleKey);
        line.Units.ShouldBe(units);
        line.Amount.Amount.ShouldBe(amount);
        line.Unrounded.ShouldBe(amount);
        line.UnitAmount.ShouldBe(amount / units);
        line.Rate.ShouldBeNull();
    }

    [Fact]
    public void Calculate_ChicagoAddress_GetsChicagos911NotTheStatewideOne()
    {
        var result = Calculate(Request(June2024, Chicago, lines: [new ServiceLines(Chicago, 10, 3, 4)]));

        result.Lines.Select(l => l.RuleKey).ShouldBe(["chicago-911"]);
        result.Single("chicago-911").Level.ShouldBe(JurisdictionLevel.City);
    }

    [Fact]
    public void Calculate_California988AfterItsLastKnownRate_ReportsNoRate()
    {
        // The 2025 rate is set yearly and was not in the sources; the table ends ca-988 on 2025-01-01.
        var result = Calculate(Request(new LocalDate(2025, 2, 1), LosAngeles, lines: [new ServiceLines(LosAngeles, 10, 3, 4)]));

        result.Single("ca-911").Amount.Amount.ShouldBe(0.90m);
        result.Notices.ShouldBe([new TaxNotice("ca-988", TaxNoticeReason.NoRateForDate, "no rate on 2025-02-01; the table covers until 2025-01-01") { Table = "ca", Date = "2025-02-01" }]);
    }

    [Theory]
    // Florida E911: at most 25 service identifiers per account bill, $0.40 each.
    [InlineData(24, 0, 24, 9.60, false)]    // 24 × 0.40
    [InlineData(25, 0, 25, 10.00, false)]   // 25 × 0.40, exactly the cap
    [InlineData(30, 0, 25, 10.00, true)]    // 30 numbers, 25 charged
    [InlineData(20, 10, 25, 10.00, true)]   // Miami 20 + Tampa 10 = 30 on one account: the cap is per account, not per address
    public void Calculate_FloridaNumbersOverTheCap_ChargesAtMost25PerAccount(int inMiami, int inTampa, decimal charged, decimal amount, bool capped)
    {
        var lines = new[] { new ServiceLines(Miami, inMiami, 1, 1), new ServiceLines(Tampa, inTampa, 1, 1) };

        var result = Calculate(Request(June2024, Miami, lines: lines));

        var line = result.Single("fl-e911");
        line.Units.ShouldBe(charged);
        line.Amount.Amount.ShouldBe(amount);
        result.Notices.Any(n => n.Reason == TaxNoticeReason.LinesCapped).ShouldBe(capped);
    }

    [Fact]
    public void Calculate_NumbersInTwoStates_EachStateCountsOnlyItsOwn()
    {
        // 2 channels in Seattle, 2 numbers in Miami: WA state 2 × 0.25 = 0.50 (channels); FL 2 × 0.40 = 0.80 (numbers).
        var lines = new[] { new ServiceLines(Seattle, 5, 2, 0), new ServiceLines(Miami, 2, 1, 0) };

        var result = Calculate(Request(June2024, Seattle, lines: lines));

        result.Single("wa-911-state").Amount.Amount.ShouldBe(0.50m);
        result.Single("fl-e911").Amount.Amount.ShouldBe(0.80m);
    }
}
