using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Tax;
using static ServerlessBilling.Tests.Tax.TaxTestData;

namespace ServerlessBilling.Tests.Tax;

/// <summary>A service address in a state no table covers is taxed by the federal rules only, and the invoice says so once per state:
/// a warning, never a hold.</summary>
public class JurisdictionNotCoveredTests
{
    private static readonly LocalDate Day = new(2026, 2, 10);
    private static readonly TaxableItem Minutes = Item("Outbound calling minutes", ProductCategory.InterconnectedVoipUsage, 100m);
    private static readonly PostalAddress Boulder = new("1 Pearl St", "Boulder", "CO", "80302", "US");
    private static readonly PostalAddress Portland = new("1 SW Main St", "Portland", "OR", "97204", "US");
    private static readonly PostalAddress Albany = new("1 State St", "Albany", "NY", "12207", "US");

    [Fact]
    public void Calculate_Denver_FederalLineOnlyAndOneWarningThatDoesNotHold()
    {
        var result = Calculate(Request(Day, Denver, [Minutes]));

        result.Lines.Select(l => l.RuleKey).ShouldBe(["us-fusf"]);
        result.Notices.ShouldBe([DenverNotCovered("2026-02-10")]);
        TaxDataOptions.Default.Holding(result.Notices).ShouldBeEmpty();
    }

    [Fact]
    public void Calculate_NumbersAndChargesInTwoUncoveredStates_OneNoticePerStateNamingItsCities()
    {
        var items = new[] { Minutes, Minutes with { Reference = "Boulder minutes", ServiceAddress = Boulder }, Minutes with { Reference = "Portland minutes", ServiceAddress = Portland } };
        var lines = new[] { new ServiceLines(Denver, 2, null, null), new ServiceLines(Boulder, 3, 3, null), new ServiceLines(Portland, 1, 1, null) };

        var result = Calculate(Request(Day, Denver, items, lines));

        result.Notices.ShouldBe(
        [
            new TaxNotice("US-CO", TaxNoticeReason.JurisdictionNotCovered,
                "no tax table covers Denver, Boulder, CO: only the federal rules were applied; store a table for the state if taxes are owed there") { Date = "2026-02-10" },
            new TaxNotice("US-OR", TaxNoticeReason.JurisdictionNotCovered,
                "no tax table covers Portland, OR: only the federal rules were applied; store a table for the state if taxes are owed there") { Date = "2026-02-10" },
        ]);
    }

    [Fact]
    public void Calculate_NewYorkOutsideTheCity_NoticeOnlyWhereNoTableCovers()
    {
        Calculate(Request(Day, Albany, [Minutes])).Notices.ShouldBe(
        [
            new TaxNotice("US-NY", TaxNoticeReason.JurisdictionNotCovered,
                "no tax table covers Albany, NY: only the federal rules were applied; store a table for the state if taxes are owed there") { Date = "2026-02-10" },
        ]);
        Calculate(Request(Day, Manhattan, [Minutes])).Notices.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("CO")]
    [InlineData("Colorado")]
    [InlineData(" colorado ")]
    public void Calculate_StateTypedByName_SameNoticeKey(string region)
    {
        var notice = Calculate(Request(Day, Denver with { Region = region }, [Minutes])).Notices.ShouldHaveSingleItem();

        (notice.RuleKey, notice.Reason).ShouldBe(("US-CO", TaxNoticeReason.JurisdictionNotCovered));
    }

    [Fact]
    public void Calculate_CoveredStatesAndForeignAddresses_NoNotice()
    {
        Calculate(Request(Day, LosAngeles, [Minutes])).Notices.ShouldBeEmpty();
        Calculate(Request(Day, Springfield, [Minutes])).Notices.ShouldBeEmpty(); // "USA", Illinois outside Chicago
        Calculate(Request(Day, Chicago, [Minutes])).Notices.ShouldBeEmpty();
        Calculate(Request(Day, new PostalAddress("1 King St W", "Toronto", "ON", "M5H 1A1", "CA"), [Minutes])).Notices.ShouldBeEmpty();
    }
}
