using ServerlessBilling.Tax;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Tax;

/// <summary>A number's state from libphonenumber's geocoder, in both forms it gives ("San Francisco, CA" and "Washington State"),
/// and a call's jurisdiction from its two ends.</summary>
public class NumberStatesTests
{
    [Theory]
    [InlineData("+14155550100", "CA")]   // "San Francisco, CA"
    [InlineData("+12125550100", "NY")]   // "New York, NY"
    [InlineData("+13105551234", "CA")]   // "California"
    [InlineData("+12065550100", "WA")]   // "Washington State"
    [InlineData("+12027621401", "DC")]   // "Washington D.C."
    [InlineData("+15125550123", "TX")]   // "Texas"
    [InlineData("+19075550100", "AK")]
    public void StateOf_UsNumber_TheStateItWasIssuedIn(string number, string state) =>
        NumberStates.StateOf(number).ShouldBe(state);

    [Theory]
    [InlineData("+18005550100")]         // toll-free: no place
    [InlineData("+14165550100")]         // Ontario, Canada
    [InlineData("+17875550100")]         // Puerto Rico has its own region
    [InlineData("+442071838750")]        // London
    [InlineData("+1415555")]             // too short to be a number
    [InlineData("sip:agent@pbx.example")]
    [InlineData("anonymous")]
    public void StateOf_NotAUsStateNumber_Null(string number) =>
        NumberStates.StateOf(number).ShouldBeNull();

    [Theory]
    [InlineData("+14155550100", "+16502530000", UsageJurisdiction.Intrastate)]     // San Francisco to Mountain View
    [InlineData("+12065550100", "+12065551234", UsageJurisdiction.Intrastate)]
    [InlineData("+14155550100", "+12125550100", UsageJurisdiction.Interstate)]     // California to New York
    [InlineData("+12065550100", "+15035550100", UsageJurisdiction.Interstate)]     // Washington to Oregon
    [InlineData("+12065550100", "+442071838750", UsageJurisdiction.International)] // Seattle to London
    [InlineData("+14165550100", "+12065550100", UsageJurisdiction.International)]  // Toronto to Seattle
    public void JurisdictionOf_BothEndsPlaced_FromTheirStates(string from, string to, UsageJurisdiction expected) =>
        NumberStates.JurisdictionOf(from, to).ShouldBe(expected);

    [Theory]
    [InlineData("+18005550100", "+12065550100")]   // a toll-free end has no state
    [InlineData("+12065550100", "sip:agent@pbx.example")]
    [InlineData("+442071838750", "+33142685300")]  // neither end in the United States
    [InlineData("+14165550100", "+442071838750")]
    public void JurisdictionOf_AnEndNotPlaced_Null(string from, string to) =>
        NumberStates.JurisdictionOf(from, to).ShouldBeNull();

    [Fact]
    public void JurisdictionOf_Call_ReadsItsCallingAndCalledNumbers()
    {
        var call = new UsageEvent("e1", "test", "e1", NodaTime.Instant.FromUtc(2026, 11, 3, 15, 0), 60, CallDirection.Outbound,
            "+12065550100", "+14155550100", UsageComponent.Telephony, true);

        NumberStates.JurisdictionOf(call).ShouldBe(UsageJurisdiction.Interstate);
        NumberStates.JurisdictionOf(call with { To = "+15095550100" }).ShouldBe(UsageJurisdiction.Intrastate); // Spokane
    }
}
