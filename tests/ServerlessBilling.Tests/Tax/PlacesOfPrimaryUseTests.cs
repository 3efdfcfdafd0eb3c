using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Tax;

/// <summary>An account's own numbers placed at their place of primary use (the assignment's state, else the account's service or billing
/// address) when usage is split by jurisdiction: toll-free numbers placed at all, issued-in states overridden, the other party still
/// placed by the geocoder, and the assignment held on the call's day deciding.</summary>
public class PlacesOfPrimaryUseTests
{
    private static readonly BillingPeriod November = BillingPeriod.Containing(new LocalDate(2026, 11, 1), 1);
    private const string TollFree = "+18005550199";
    private const string Seattle = "+12065550100";
    private const string Spokane = "+15095550100";
    private const string Portland = "+15035550100";
    private const string SanFrancisco = "+14155550100";

    private static readonly Account Seattleite = new("acme", "Acme", "p", new BillingProfile("America/Los_Angeles", 1, "USD"),
        new PostalAddress("1 Pike St", "Seattle", "WA", "98101", "US"));

    private static NumberAssignment Held(string number, NumberType type = NumberType.Local, string? state = null, LocalDate? from = null, LocalDate? until = null) =>
        new(number, "acme", type, from ?? new LocalDate(2026, 1, 1), until) { PrimaryUseState = state };

    private static UsageEvent Call(string from, string to, CallDirection direction = CallDirection.Inbound, Instant? at = null, UsageComponent component = UsageComponent.Telephony) =>
        new("e-" + from + to, "test", "e", at ?? Instant.FromUtc(2026, 11, 3, 18, 0), 60, direction, from, to, component, true);

    [Fact]
    public void JurisdictionOf_TollFreeNumberOfAWashingtonAccount_CallerInWashington_Intrastate()
    {
        var places = PlacesOfPrimaryUse.For(Seattleite, [Held(TollFree, NumberType.TollFree)]);

        places.JurisdictionOf(Call(Spokane, TollFree)).ShouldBe(UsageJurisdiction.Intrastate);
        places.JurisdictionOf(Call(SanFrancisco, TollFree)).ShouldBe(UsageJurisdiction.Interstate);
        places.JurisdictionOf(Call(TollFree, "+442071838750", CallDirection.Outbound)).ShouldBe(UsageJurisdiction.International);
        NumberStates.JurisdictionOf(Call(Spokane, TollFree)).ShouldBeNull();   // the geocoder alone cannot place it
    }

    [Fact]
    public void JurisdictionOf_AssignmentNamesItsState_OverridesWhereTheNumberWasIssued()
    {
        // A Seattle number used at the Portland office.
        var places = PlacesOfPrimaryUse.For(Seattleite, [Held(Seattle, state: "OR")]);

        places.JurisdictionOf(Call(Portland, Seattle)).ShouldBe(UsageJurisdiction.Intrastate);
        places.JurisdictionOf(Call(Spokane, Seattle)).ShouldBe(UsageJurisdiction.Interstate);
        places.StateOf(Seattle, Instant.FromUtc(2026, 11, 3, 18, 0)).ShouldBe("OR");
    }

    [Fact]
    public void JurisdictionOf_NoAssignmentState_TheAccountsServiceAddressState()
    {
        // A San Francisco number of a Seattle customer (nomadic VoIP): used in Washington.
        var places = PlacesOfPrimaryUse.For(Seattleite, [Held(SanFrancisco)]);

        places.JurisdictionOf(Call(Spokane, SanFrancisco)).ShouldBe(UsageJurisdiction.Intrastate);
        places.JurisdictionOf(Call(SanFrancisco, "+16502530000", CallDirection.Outbound)).ShouldBe(UsageJurisdiction.Interstate);
        places.AccountState.ShouldBe("WA");
    }

    [Fact]
    public void For_NoServiceAddress_TheBillingAddressState_ByCodeOrName()
    {
        var mobile = Seattleite with
        {
            ServiceAddress = null,
            Contact = new BillingContact(Address: new BillingAddress(["9 Main St"], "Austin", "texas", "78701", "US")),
        };

        var places = PlacesOfPrimaryUse.For(mobile, [Held(Seattle, NumberType.Mobile)]);

        places.AccountState.ShouldBe("TX");
        places.JurisdictionOf(Call("+15125550123", Seattle)).ShouldBe(UsageJurisdiction.Intrastate);
    }

    [Fact]
    public void For_NoUsAddress_OwnNumbersPlacedByTheGeocoder_TollFreeStaysUnknown()
    {
        var abroad = Seattleite with { ServiceAddress = new PostalAddress("1 Queen St", "Toronto", "ON", "M5H 2N2", "CA") };

        var places = PlacesOfPrimaryUse.For(abroad, [Held(Seattle), Held(TollFree, NumberType.TollFree)]);

        places.AccountState.ShouldBeNull();
        places.JurisdictionOf(Call(Spokane, Seattle)).ShouldBe(UsageJurisdiction.Intrastate);
        places.JurisdictionOf(Call(Spokane, TollFree)).ShouldBeNull();
    }

    [Fact]
    public void JurisdictionOf_OtherPartyIsNotTheAccounts_PlacedWhereIssued_TollFreeCallerUnknown()
    {
        var places = PlacesOfPrimaryUse.For(Seattleite, [Held(Seattle, state: "OR")]);

        places.StateOf(Portland, Instant.FromUtc(2026, 11, 3, 18, 0)).ShouldBeNull();
        places.JurisdictionOf(Call("+18885550100", Seattle)).ShouldBeNull();
    }

    [Fact]
    public void StateOf_TwoAssignmentsOfTheNumber_TheOneHeldOnTheCallsDayInTheAccountsZone()
    {
        // Moved to the Portland office from November 3rd (Pacific time); 2026-11-03T05:00Z is still November 2nd in Seattle.
        var places = PlacesOfPrimaryUse.For(Seattleite,
            [Held(TollFree, NumberType.TollFree, from: new LocalDate(2026, 1, 1), until: new LocalDate(2026, 11, 3)), Held(TollFree, NumberType.TollFree, "OR", new LocalDate(2026, 11, 3))]);

        places.StateOf(TollFree, Instant.FromUtc(2026, 11, 3, 5, 0)).ShouldBe("WA");
        places.StateOf(TollFree, Instant.FromUtc(2026, 11, 3, 9, 0)).ShouldBe("OR");
        places.StateOf(TollFree, Instant.FromUtc(2025, 6, 1, 12, 0)).ShouldBe("OR");   // not held that day: its latest assignment
    }

    [Fact]
    public void Build_SplitByPlaceOfPrimaryUse_TollFreeCallsWithinTheStateAreIntrastate_AiVoiceNeverSplit()
    {
        var plan = new PricePlan("p", "Plan", "USD", [new PlanVersion(new LocalDate(2026, 1, 1), 0m, 0m, [], new PerCallRounding())]);
        RatedUsage Rated(string id, string from, int seconds, decimal amount, UsageComponent component = UsageComponent.Telephony) =>
            new(Call(from, TollFree, component: component) with { EventId = id }, "acme", November.Key,
                new Charge(seconds, new Money(amount, "USD"), 0.05m, "p", "2026-01-01", RatedNumberType: NumberType.TollFree));
        RatedUsage[] usage = [Rated("wa", Spokane, 120, 0.10m), Rated("ca", SanFrancisco, 60, 0.05m), Rated("tf", "+18885550100", 60, 0.05m), Rated("ai", Spokane, 60, 0.30m, UsageComponent.AiVoice)];
        var numbers = new[] { Held(TollFree, NumberType.TollFree) };

        var split = InvoiceBuilder.Build(Seattleite, plan, November, numbers, usage, usageByJurisdiction: InvoiceTaxes.JurisdictionsFor(Seattleite, numbers));
        var issuedOnly = InvoiceBuilder.Build(Seattleite, plan, November, numbers, usage, usageByJurisdiction: InvoiceTaxes.JurisdictionOf);

        split.Lines.Where(l => l.Category == LineCategory.Usage).Select(l => (l.Description, l.Quantity, l.Amount.Amount, l.Jurisdiction)).ShouldBe(
        [
            ("Inbound calling minutes, intrastate (1 call)", 2m, 0.10m, (UsageJurisdiction?)UsageJurisdiction.Intrastate),
            ("Inbound calling minutes, interstate (1 call)", 1m, 0.05m, UsageJurisdiction.Interstate),
            ("Inbound calling minutes (1 call)", 1m, 0.05m, null),
            ("Inbound AI voice minutes (1 call)", 1m, 0.30m, null),
        ]);
        issuedOnly.Lines.Where(l => l.Category == LineCategory.Usage).Select(l => l.Jurisdiction).ShouldBe([null, null]);
        split.Total.ShouldBe(issuedOnly.Total);
    }

    [Theory]
    [InlineData("ca")]
    [InlineData("XX")]
    [InlineData("PR")]
    [InlineData("Washington")]
    [InlineData("")]
    public void Validate_PrimaryUseStateNotAUspsStateCode_NamesTheField(string state) =>
        AccountValidator.Validate(Held(Seattle, state: state)).ShouldBe(
            [new RecordProblem("primaryUseState", $"'{state}' is not a US state: give its two-letter USPS code in upper case (CA, WA, DC)")]);

    [Theory]
    [InlineData("WA")]
    [InlineData("DC")]
    [InlineData(null)]
    public void Validate_PrimaryUseStateAStateOrDcOrNone_IsValid(string? state) =>
        AccountValidator.Validate(Held(Seattle, state: state)).ShouldBeEmpty();
}
