using System.Text.Json;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Tests.Rating;

public class PricePlanValidatorTests
{
    [Fact]
    public void Validate_GoodPlan_HasNoProblems() => PricePlanValidator.Validate(TestPlans.Standard).ShouldBeEmpty();

    [Fact]
    public void Validate_BadFields_NamesTheirPaths()
    {
        var version = TestPlans.Standard.Versions[0];
        var plan = TestPlans.Standard with
        {
            Currency = "XXX",
            Versions = [version with { NumberFee = -1m, UsageRates = [version.UsageRates[0] with { PerMinute = -0.01m }, version.UsageRates[0]] }],
        };

        var fields = PricePlanValidator.Validate(plan).Select(p => p.Field).ToList();

        fields.ShouldBe(["currency", "versions[0].numberFee", "versions[0].usageRates[0].perMinute", "versions[0].usageRates[1]"], ignoreOrder: true);
    }

    [Theory]
    [InlineData(null, RoundingMode.HalfUp, "versions[0].perCall.incrementRounding")]
    [InlineData(3, RoundingMode.HalfUp, null)]
    [InlineData(3, null, null)]
    public void Validate_IncrementRounding_NeedsIncrementDecimals(int? incrementDecimals, RoundingMode? incrementRounding, string? field)
    {
        var version = TestPlans.Standard.Versions[0] with { PerCall = new PerCallRounding(6, RoundingMode.Up, incrementDecimals, incrementRounding) };

        var fields = PricePlanValidator.Validate(TestPlans.Standard with { Versions = [version] }).Select(p => p.Field);

        fields.ShouldBe(field is null ? [] : [field]);
    }

    [Theory]
    [InlineData("60:10", null)]
    [InlineData("60:10;120:60", null)]
    [InlineData("0:10", "incrementStages[0]")]
    [InlineData("60:0", "incrementStages[0]")]
    [InlineData("60:10;60:5", "incrementStages[1]")]
    public void Validate_IncrementStages_NeedIncreasingAfterSecondsAndPositiveSteps(string stages, string? field)
    {
        var version = TestPlans.Standard.Versions[0];
        var list = stages.Split(';').Select(s => s.Split(':')).Select(p => new IncrementStage(int.Parse(p[0]), int.Parse(p[1]))).ToList();
        var plan = TestPlans.Standard with { Versions = [version with { UsageRates = [version.UsageRates[0] with { IncrementStages = list }] }] };

        var fields = PricePlanValidator.Validate(plan).Select(p => p.Field);

        fields.ShouldBe(field is null ? [] : [$"versions[0].usageRates[0].{field}"]);
    }

    [Theory]
    [InlineData(ObservedDay.NearestWeekday, false, "versions[0].timeBands[0].observed")]
    [InlineData(ObservedDay.NearestWeekday, true, null)]
    [InlineData(ObservedDay.Actual, false, null)]
    public void Validate_ObservedRule_NeedsDates(ObservedDay observed, bool withDates, string? field)
    {
        var band = new TimeBand("holiday", [], NodaTime.LocalTime.Midnight, NodaTime.LocalTime.Midnight)
        {
            Dates = withDates ? [new NodaTime.AnnualDate(12, 25)] : null,
            Observed = observed,
        };
        var plan = TestPlans.Standard with { Versions = [TestPlans.Standard.Versions[0] with { TimeBands = [band] }] };

        PricePlanValidator.Validate(plan).Select(p => p.Field).ShouldBe(field is null ? [] : [field]);
    }

    [Fact]
    public void Json_RoundTrip_KeepsThePlan()
    {
        var json = JsonSerializer.Serialize(TestPlans.Standard, BillingJson.Options);
        json.ShouldContain("\"increment\":\"30/6\"");
        var back = JsonSerializer.Deserialize<PricePlan>(json, BillingJson.Options)!;
        back.Versions[0].UsageRates.ShouldBe(TestPlans.Standard.Versions[0].UsageRates);
        back.Versions[1].EffectiveFrom.ShouldBe(TestPlans.Standard.Versions[1].EffectiveFrom);
    }

    [Fact]
    public void DocumentedExample_IsAValidPlan()
    {
        var json = Repository.PlanExample();

        var plan = JsonSerializer.Deserialize<PricePlan>(json, BillingJson.Options)! with { Id = "documented" };

        PricePlanValidator.Validate(plan).ShouldBeEmpty();
        var version = plan.Versions[0];
        version.UsageRates[2].Increment.ShouldBe(new BillingIncrement(30, 6));
        version.TimeBands!.Single().From.ShouldBe(new NodaTime.LocalTime(8, 0));
        version.UsageRates[6].Steps!.Single().AfterSeconds.ShouldBe(600);
        version.NumberFeeFor(ServerlessBilling.Accounts.NumberType.TollFree).ShouldBe(2.50m);
        version.Bundles!.Single().Components.ShouldBe([ServerlessBilling.Usage.UsageComponent.AiVoice]);
    }

}
