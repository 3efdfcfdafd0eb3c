using NodaTime;
using ServerlessBilling.Tax;
using static ServerlessBilling.Tests.Tax.TaxTestData;

namespace ServerlessBilling.Tests.Tax;

/// <summary>Each shipped rule's measure, as its cited clause sets it, and what the engine does when a count is unknown.</summary>
public class LineBasisTests
{
    private static readonly LocalDate June2024 = new(2024, 6, 15);

    public static TheoryData<string, TaxBasis, LineUnit?, RevenuePortion?> ShippedBases => new()
    {
        // 47 CFR 54.712(a): at most the interstate telecom portion times the factor (international is in the base too).
        { "us-fusf", TaxBasis.Percent, null, RevenuePortion.InterstateAndInternational },
        // A company charge on the interstate portion (Avalara's FCC Regulatory Fee (VoIP)).
        { "us-federal-recovery", TaxBasis.Percent, null, RevenuePortion.Interstate },
        // Cal. Reg. 2437(a): a VoIP access line is each concurrent outbound call to 911.
        { "ca-911", TaxBasis.PerLine, LineUnit.Channel, null },
        { "ca-988", TaxBasis.PerLine, LineUnit.Channel, null },
        // s. 365.172(8), Fla. Stat.: per service identifier, at most 25 per account bill.
        { "fl-e911", TaxBasis.PerLine, LineUnit.Number, null },
        // Ch. 202, Fla. Stat.: the sales price of the communications service.
        { "fl-cst-state", TaxBasis.Percent, null, RevenuePortion.Total },
        // 50 ILCS 750/20: per network connection; concurrent voice paths for multi-channel service.
        { "il-911", TaxBasis.PerLine, LineUnit.Channel, null },
        { "chicago-911", TaxBasis.PerLine, LineUnit.Channel, null },
        // Gross charges, intrastate and interstate (IDOR ST-13-0048; Chicago telecommunications tax).
        { "il-telecom-excise", TaxBasis.Percent, null, RevenuePortion.Total },
        { "chicago-telecom-tax", TaxBasis.Percent, null, RevenuePortion.Total },
        // Avalara's Durham example: the charge plus the federal lines.
        { "nc-sales", TaxBasis.Percent, null, RevenuePortion.Total },
        // NYC Department of Finance: per device for VoIP.
        { "nyc-e911", TaxBasis.PerLine, LineUnit.Device, null },
        // 16 TAC 26.420: taxable intrastate receipts.
        { "tx-usf", TaxBasis.Percent, null, RevenuePortion.Intrastate },
        { "tx-sales", TaxBasis.Percent, null, RevenuePortion.Total },
        // RCW 82.14B.030 and RCW 82.86.020(2), counted as DOR counts them (2010-11-16): lines capable of simultaneous
        // unrestricted outward calling, not numbers.
        { "wa-911-state", TaxBasis.PerLine, LineUnit.Channel, null },
        { "wa-911-county", TaxBasis.PerLine, LineUnit.Channel, null },
        { "wa-988", TaxBasis.PerLine, LineUnit.Channel, null },
    };

    [Theory]
    [MemberData(nameof(ShippedBases))]
    public void LoadBundled_EachRule_MeasuredAsItsClauseSaysAndRecordsTheClause(string key, TaxBasis basis, LineUnit? unit, RevenuePortion? portion)
    {
        var rule = Bundled.Rules.Single(r => r.Key == key);

        rule.Basis.ShouldBe(basis);
        rule.LineUnit.ShouldBe(unit);
        if (portion is { } expected)
        {
            rule.Portion.ShouldBe(expected);
        }

        rule.BasisClause.ShouldNotBeNullOrWhiteSpace();
        rule.BasisSource.ShouldNotBeNullOrWhiteSpace();
        rule.BasisClause.ShouldStartWith(basis == TaxBasis.Percent ? "Percent" : $"Per {unit!.Value.ToString().ToLowerInvariant()}");
    }

    [Fact]
    public void LoadBundled_EveryShippedRule_IsInTheBasisReview()
    {
        Bundled.Rules.Select(r => r.Key).ShouldBe(ShippedBases.Select(row => (string)row[0]), ignoreOrder: true);
    }

    [Theory]
    // RCW 82.14B.030 (DOR 2010-11-16): an account's VoIP lines are those that can call out at the same time.
    // 40 numbers sharing 4 outbound channels: 4 × (0.25 + 0.70 + 0.40) = 5.40, not 40 × 1.35 = 54.00.
    [InlineData(40, 4, 4, 1.00, 2.80, 1.60)]
    // One number on a 10-channel trunk: 10 lines.
    [InlineData(1, 10, 10, 2.50, 7.00, 4.00)]
    // Inbound-only service (no outward calling): no line, so no tax and no notice.
    [InlineData(12, 0, 0, 0, 0, 0)]
    public void Calculate_Washington_CountsOutboundChannelsNotNumbers(int numbers, int channels, int lines, decimal state, decimal county, decimal crisis)
    {
        var result = Calculate(Request(June2024, Seattle, lines: [new ServiceLines(Seattle, numbers, channels, Devices: null)]));

        var billed = new[] { ("wa-911-state", state), ("wa-911-county", county), ("wa-988", crisis) }.Where(x => x.Item2 != 0m).ToList();
        result.Lines.Select(l => (l.RuleKey, l.Amount.Amount)).ShouldBe(billed, ignoreOrder: true);
        result.Lines.ShouldAllBe(l => l.Units == lines);
        result.Notices.ShouldBeEmpty();
    }

    [Fact]
    public void Calculate_WashingtonChannelsUnknown_ChargesOnePerNumberAndSaysSo()
    {
        var result = Calculate(Request(June2024, Seattle, lines: [new ServiceLines(Seattle, Numbers: 6, Channels: null, Devices: null)]));

        // 6 numbers stand in for the unknown capacity: 6 × 0.25 = 1.50, 6 × 0.70 = 4.20, 6 × 0.40 = 2.40.
        result.Lines.Select(l => (l.RuleKey, l.Units, l.Amount.Amount)).ShouldBe(
            [("wa-911-county", 6m, 4.20m), ("wa-911-state", 6m, 1.50m), ("wa-988", 6m, 2.40m)], ignoreOrder: true);
        result.Notices.Select(n => (n.RuleKey, n.Reason, n.Table)).ShouldBe(
            [("wa-911-county", TaxNoticeReason.LineCountAssumed, "wa"), ("wa-911-state", TaxNoticeReason.LineCountAssumed, "wa"), ("wa-988", TaxNoticeReason.LineCountAssumed, "wa")],
            ignoreOrder: true);
        result.Notices[0].Detail.ShouldBe("Channel count unknown at Seattle, WA: charged 6 (one per number held); set the account's tax profile");
    }

    [Fact]
    public void Calculate_NewYorkDevicesUnknown_ChargesOnePerNumberAndSaysSo()
    {
        // NYC counts devices; none stated: 3 numbers × $1.00.
        var result = Calculate(Request(June2024, Manhattan, lines: [new ServiceLines(Manhattan, Numbers: 3, Channels: 2, Devices: null)]));

        result.Single("nyc-e911").Amount.Amount.ShouldBe(3.00m);
        result.Notices.Single().Reason.ShouldBe(TaxNoticeReason.LineCountAssumed);
    }

    [Fact]
    public void Calculate_NumberBasedRule_NeverNoticesUnknownChannels()
    {
        // Florida counts numbers, so an unknown channel count does not matter there.
        var result = Calculate(Request(June2024, Miami, lines: [new ServiceLines(Miami, Numbers: 3, Channels: null, Devices: null)]));

        result.Single("fl-e911").Amount.Amount.ShouldBe(1.20m);
        result.Notices.ShouldBeEmpty();
    }
}
