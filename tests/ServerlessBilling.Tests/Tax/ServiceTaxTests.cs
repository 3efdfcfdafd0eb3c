using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Tests.Tax;

/// <summary>What a commercial tax service's answer becomes: its failures hold a close and are looked at again soon, and its
/// unrounded taxes round as the built-in engine's do.</summary>
public class ServiceTaxTests
{
    private static readonly LocalDate Date = new(2026, 11, 1);
    private static readonly TaxNotice Down = new("avalara-communications", TaxNoticeReason.ServiceUnavailable, "the tax service failed (HTTP 503)") { Date = "2026-11-01" };
    private static readonly TaxNotice Error = new("avalara-communications", TaxNoticeReason.ServiceError, "error 1003: Invalid ZIP code") { Date = "2026-11-01" };
    private static readonly TaxNotice Missing = new("us-fusf", TaxNoticeReason.NoRateForDate, "no rate") { Table = "federal", Date = "2026-11-01" };

    [Fact]
    public void Holding_ServiceErrorsAndOutages_HoldLikeAMissingRate_UnlessWarning()
    {
        TaxDataOptions.Default.Holding([Down, Error]).ShouldBe([Down, Error]);
        (TaxDataOptions.Default with { MissingRate = MissingTaxRate.Warn }).Holding([Down, Error]).ShouldBeEmpty();
    }

    [Fact]
    public void TaxDataHold_WaitingForTheService_LooksAgainAfterTheServiceInterval_ATableHoldAfterTheUsualOne()
    {
        var options = TaxDataOptions.Default with { RecheckService = Duration.FromSeconds(120) };

        TaxDataHold.For([Down], options).RecheckSeconds.ShouldBe(120);
        TaxDataHold.For([Missing, Error], options).RecheckSeconds.ShouldBe(120);
        TaxDataHold.For([Missing], options).RecheckSeconds.ShouldBe(6 * 3600);
        (options with { RecheckService = Duration.Zero }).Validate().ShouldHaveSingleItem().ShouldContain("re-check");
    }

    [Theory]
    [InlineData(TaxRounding.PerLine, new[] { 0.13, 0.13 })]
    [InlineData(TaxRounding.PerInvoice, new[] { 0.25 })]
    [InlineData(TaxRounding.PerDocument, new[] { 0.12, 0.13 })]
    public void Round_TwoChargesTaxing0125_EachModeAsTheBuiltInEngineRounds(TaxRounding rounding, double[] expected)
    {
        var lines = ServiceTaxRounding.Round([Tax("Calls", 0.125m), Tax("Numbers", 0.125m)], rounding, "USD", Date, "test service");

        lines.Select(l => l.Amount.Amount).ShouldBe(expected.Select(e => (decimal)e));
        lines.ShouldAllBe(l => l.RuleKey == "afc-162-0-0" && l.Rate == 0.36m && l.Level == JurisdictionLevel.Federal && l.ReportedToJurisdiction == true);
    }

    [Fact]
    public void Round_PerLineTaxAndZeroTax_UnitsKept_ZeroLeftOut()
    {
        var e911 = new ServiceTax("afc-250-3-377300", "US-WA-PCODE-377300", "Seattle, WA", JurisdictionLevel.City, TaxKind.Emergency911, "E911 (VoIP)",
            null, 0m, null, 0.75m, 3m, 2.25m, Form499Category.EndUserTelecom);

        var lines = ServiceTaxRounding.Round([e911, Tax("Calls", 0m)], TaxRounding.PerInvoice, "USD", Date, "test service");

        var line = lines.ShouldHaveSingleItem();
        (line.Label, line.JurisdictionName, line.Rate, line.UnitAmount, line.Units, line.Amount.Amount, line.ReportedToJurisdiction)
            .ShouldBe(("E911 (VoIP)", "Seattle, WA", (decimal?)null, (decimal?)0.75m, 3m, 2.25m, (bool?)null));
    }

    private static ServiceTax Tax(string reference, decimal amount) =>
        new("afc-162-0-0", "US", "United States", JurisdictionLevel.Federal, TaxKind.FederalUsfRecovery, "FUSF (VoIP)", reference, amount / 0.36m, 0.36m, null, 0m, amount,
            Form499Category.EndUserTelecom) { ReportedToJurisdiction = true };
}
