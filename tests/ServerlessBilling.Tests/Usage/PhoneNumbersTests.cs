// libphonenumber's namespace is also called Numbers.
using ServerlessBilling.Usage;
using Numbers = ServerlessBilling.Usage.PhoneNumbers;

namespace ServerlessBilling.Tests.Usage;

public class PhoneNumbersTests
{
    public static TheoryData<string, string, string> Spellings => new()
    {
        // raw, default region, E.164 (or unchanged)
        { "4155550100", "US", "+14155550100" },
        { "14155550100", "US", "+14155550100" },
        { "(415) 555-0100", "US", "+14155550100" },
        { "+1 415-555-0100", "US", "+14155550100" },
        { "+14155550100", "GB", "+14155550100" },
        { "+44 20 7183 8750", "US", "+442071838750" },
        { "00442071838750", "US", "+442071838750" },
        { "0033 1 42 68 53 00", "US", "+33142685300" },
        { "01144 20 7183 8750", "US", "+442071838750" },
        { "442071838750", "US", "+442071838750" },
        { "020 7183 8750", "GB", "+442071838750" },
        { "07911 123456", "GB", "+447911123456" },
        { " 4155550100 ", "US", "+14155550100" },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void ToE164_NationalAndInternationalSpellings_AreE164(string raw, string region, string expected) =>
        Numbers.ToE164(raw, region).ShouldBe(expected);

    [Theory]
    [InlineData("sip:alice@pbx.example.com")]
    [InlineData("client:alice")]
    [InlineData("alice@example.com")]
    [InlineData("anonymous")]
    [InlineData("")]
    public void ToE164_SipUrisClientsAndText_AreUnchanged(string raw) =>
        Numbers.ToE164(raw, "US").ShouldBe(raw);

    [Theory]
    [InlineData("2001", "+2001")]
    [InlineData("12", "+12")]
    [InlineData("+999 12", "+99912")]
    [InlineData("#*12ab34", "+1234")]
    public void ToE164_DigitsNoNumberingPlanKnows_AreThePlusAndTheDigits(string raw, string expected) =>
        Numbers.ToE164(raw, "US").ShouldBe(expected);

    [Fact]
    public void ToE164_SameNationalDigits_DependOnTheRegion()
    {
        Numbers.ToE164("02071838750", "GB").ShouldBe("+442071838750");
        Numbers.ToE164("0298765432", "AU").ShouldBe("+61298765432");
    }

    [Fact]
    public void PhoneRegionParse_UnknownRegion_Throws() =>
        Should.Throw<ArgumentException>(() => PhoneRegion.Parse("XX"));

    [Theory]
    [InlineData("gb", "GB")]
    [InlineData(" US ", "US")]
    public void PhoneRegionParse_KnownRegionInAnyCase_IsItsUpperCaseCode(string code, string expected) =>
        PhoneRegion.Parse(code).Code.ShouldBe(expected);

    [Fact]
    public void ToE164_PhoneRegion_ReadsNationalDigitsThere() =>
        Numbers.ToE164("020 7183 8750", PhoneRegion.Parse("GB")).ShouldBe("+442071838750");
}
