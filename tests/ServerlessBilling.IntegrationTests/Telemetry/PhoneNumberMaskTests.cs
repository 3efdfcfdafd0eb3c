using ServerlessBilling.Telemetry;

namespace ServerlessBilling.IntegrationTests.Telemetry;

/// <summary>The log mask: a number keeps its +, first digit and last four; text keeps everything but the numbers in it.</summary>
public class PhoneNumberMaskTests
{
    [Theory]
    [InlineData("+17205550100", "+1******0100")]
    [InlineData("17205550100", "*******0100")]
    [InlineData("+4420 7946 0958", "+4*** **** 0958")]
    [InlineData("0100", "****")]
    [InlineData("", "")]
    public void Show_Masking_KeepsTheCountryDigitAndTheLastFour(string number, string shown) =>
        new PhoneNumberMask(masking: true).Show(number).ShouldBe(shown);

    [Fact]
    public void Show_NotMasking_ShowsTheNumber() =>
        new PhoneNumberMask(masking: false).Show("+17205550100").ShouldBe("+17205550100");

    [Fact]
    public void InText_Masking_MasksEachNumberAndLeavesDatesAndIds() =>
        new PhoneNumberMask(masking: true).InText("no account holds +17205550100 at 2026-11-02T18:00:00Z (CA123, 3035550042)")
            .ShouldBe("no account holds +1******0100 at 2026-11-02T18:00:00Z (CA123, ******0042)");
}
