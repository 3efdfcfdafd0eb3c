using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>The published JSON Schema and the plan model agree: what the model writes, the schema accepts, and the schema rejects what the model cannot read.</summary>
public class PricePlanSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(Repository.Folder, "shared", "ServerlessBilling.Domain", "Rating", "price-plan.schema.json");

    private static readonly JsonSchema Schema = JsonSchema.FromFile(SchemaPath);

    private static EvaluationResults Evaluate(string json) =>
        Schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

    [Fact]
    public void Schema_AcceptsEveryFeatureTheModelWrites()
    {
        var version = new PlanVersion(new LocalDate(2026, 1, 1), 49m, 1.5m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Outbound, 0.02m, new BillingIncrement(30, 6), 0.001m, 0.002m,
                NumberType.Mobile, "447", "peak", 10, 0.01m, 5m, [new RateStep(60, 0.01m)], [new IncrementStage(60, 10)]),
            new UsageRate(UsageComponent.AiVoice, null, 0.09m, BillingIncrement.PerSecond),
        ], new PerCallRounding(6, RoundingMode.HalfEven, 4, RoundingMode.HalfUp))
        {
            NumberFees = new Dictionary<NumberType, decimal> { [NumberType.TollFree] = 2.5m },
            TimeBands =
            [
                new TimeBand("holiday", [], LocalTime.Midnight, LocalTime.Midnight) { Dates = [new AnnualDate(12, 25)], Observed = ObservedDay.NearestWeekday },
                new TimeBand("peak", [IsoDayOfWeek.Monday], new LocalTime(8, 0), new LocalTime(18, 0)),
            ],
            BandCrossing = BandCrossing.Split,
            Bundles = [new Bundle("Pool", 500, [UsageComponent.AiVoice], CallDirection.Inbound, NumberType.Local, ["1"], 0.05m, Rollover: true)],
            Tiers = [new TierSchedule(UsageComponent.AiVoice, TierMode.Volume, [new Tier(100, 0.1m), new Tier(null, 0.05m)])],
            AddOns = [new AddOn("rec", "Recording", 2, 5m)],
            MinimumSpend = 100m,
        };
        var json = JsonSerializer.Serialize(new PricePlan("full", "Full", "USD", [version]), BillingJson.Options);

        var result = Evaluate(json);

        result.IsValid.ShouldBeTrue(string.Join("; ", result.Details?.Where(d => d.Errors is not null).Select(d => $"{d.InstanceLocation}: {string.Join(",", d.Errors!.Values)}") ?? []));
    }

    [Theory]
    [InlineData("""{"currency":"usd","versions":[]}""")]
    [InlineData("""{"currency":"USD","versions":[{"effectiveFrom":"2026-01-01","platformFee":1,"numberFee":1,"perCall":{},"usageRates":[{"component":"Telephony","perMinute":0.01,"increment":"60"}]}]}""")]
    [InlineData("""{"currency":"USD","versions":[{"effectiveFrom":"2026-01-01","platformFee":-1,"numberFee":1,"perCall":{},"usageRates":[]}]}""")]
    [InlineData("""{"currency":"USD","versions":[{"effectiveFrom":"2026-01-01","platformFee":1,"numberFee":1,"perCall":{},"usageRates":[{"component":"Fax","perMinute":0.01,"increment":"60/60"}]}]}""")]
    [InlineData("""{"currency":"USD","versions":[{"effectiveFrom":"2026-01-01","platformFee":1,"numberFee":1,"perCall":{},"usageRates":[{"component":"Telephony","perMinute":0.01,"increment":"30/30","incrementStages":[{"afterSeconds":60,"nextSeconds":0}]}]}]}""")]
    [InlineData("""{"currency":"USD","versions":[{"effectiveFrom":"2026-01-01","platformFee":1,"numberFee":1,"perCall":{"incrementRounding":"Nearest"},"usageRates":[]}]}""")]
    public void Schema_RejectsMalformedPlans(string json) => Evaluate(json).IsValid.ShouldBeFalse();

    [Fact]
    public void Schema_AcceptsTheDocumentedExample() => Evaluate(Repository.PlanExample()).IsValid.ShouldBeTrue();

    /// <summary>A one-band plan whose band runs from <paramref name="from"/>: the document both the schema and the reader judge.</summary>
    private static string BandPlan(string from) =>
        $$"""{"currency":"USD","versions":[{"effectiveFrom":"2026-01-01","platformFee":1,"numberFee":1,"perCall":{},"usageRates":[],"timeBands":[{"name":"evening","days":["Monday"],"from":"{{from}}","to":"06:00"}]}]}""";

    private static LocalTime? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PricePlan>(json, BillingJson.Options)!.Versions[0].TimeBands![0].From;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [Theory]
    [InlineData("18:00", true)]
    [InlineData("18:00:00", true)]
    [InlineData("00:00", true)]
    [InlineData("23:59:59", true)]
    [InlineData("8:00", false)]
    [InlineData("18", false)]
    [InlineData("18:00:00.5", false)]
    [InlineData("24:00", false)]
    [InlineData("18:60", false)]
    [InlineData("18:00:60", false)]
    [InlineData("T18:00", false)]
    [InlineData("18:00Z", false)]
    public void BandTimes_SchemaAndReader_AcceptTheSameText(string from, bool accepted)
    {
        var json = BandPlan(from);

        (Evaluate(json).IsValid, Read(json) is not null).ShouldBe((accepted, accepted));
    }

    [Fact]
    public void SchemaExamples_OfLocalTime_ReadAsTheTimesTheyWrite()
    {
        var examples = JsonNode.Parse(File.ReadAllText(SchemaPath))!["$defs"]!["localTime"]!["examples"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();

        examples.Select(e => Read(BandPlan(e))?.ToString("HH:mm:ss", CultureInfo.InvariantCulture))
            .ShouldBe(["18:00:00", "08:30:00", "00:00:00", "23:59:59"]);
        examples.ShouldAllBe(e => Evaluate(BandPlan(e)).IsValid);
    }

    [Fact]
    public void BandTimes_WrittenByTheModel_ReadBackUnchanged()
    {
        var band = new TimeBand("evening", [IsoDayOfWeek.Friday], new LocalTime(18, 0), new LocalTime(6, 30, 15));
        var json = JsonSerializer.Serialize(band, BillingJson.Options);

        json.ShouldContain("\"from\":\"18:00:00\"");
        JsonSerializer.Deserialize<TimeBand>(json, BillingJson.Options)!.To.ShouldBe(new LocalTime(6, 30, 15));
    }

    private static string DatedBandPlan(string date) =>
        $$"""{"currency":"USD","versions":[{"effectiveFrom":"2026-01-01","platformFee":1,"numberFee":1,"perCall":{},"usageRates":[],"timeBands":[{"name":"holiday","days":[],"from":"00:00","to":"00:00","dates":["{{date}}"]}]}]}""";

    private static AnnualDate? ReadDate(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PricePlan>(json, BillingJson.Options)!.Versions[0].TimeBands![0].Dates![0];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [Theory]
    [InlineData("12-25", true)]
    [InlineData("01-01", true)]
    [InlineData("02-29", true)]
    [InlineData("04-30", true)]
    [InlineData("02-30", false)]
    [InlineData("04-31", false)]
    [InlineData("13-01", false)]
    [InlineData("00-10", false)]
    [InlineData("12-00", false)]
    [InlineData("1-01", false)]
    [InlineData("--12-25", false)]
    [InlineData("2026-12-25", false)]
    public void BandDates_SchemaAndReader_AcceptTheSameText(string date, bool accepted)
    {
        var json = DatedBandPlan(date);

        (Evaluate(json).IsValid, ReadDate(json) is not null).ShouldBe((accepted, accepted));
    }

    [Fact]
    public void SchemaExamples_OfAnnualDate_ReadAsTheDatesTheyWrite()
    {
        var examples = JsonNode.Parse(File.ReadAllText(SchemaPath))!["$defs"]!["annualDate"]!["examples"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();

        examples.Select(e => ReadDate(DatedBandPlan(e))).ShouldBe([new AnnualDate(12, 25), new AnnualDate(1, 1), new AnnualDate(7, 4), new AnnualDate(2, 29)]);
        examples.ShouldAllBe(e => Evaluate(DatedBandPlan(e)).IsValid);
    }

    [Fact]
    public void SchemaExamples_OfWholePlans_AreReadAndValid()
    {
        var examples = JsonNode.Parse(File.ReadAllText(SchemaPath))!["examples"]!.AsArray().Select(e => e!.ToJsonString()).ToList();

        examples.ShouldNotBeEmpty();
        foreach (var json in examples)
        {
            Evaluate(json).IsValid.ShouldBeTrue(json);
            var plan = JsonSerializer.Deserialize<PricePlan>(json, BillingJson.Options)! with { Id = "example" };
            PricePlanValidator.Validate(plan).ShouldBeEmpty();
        }

        var version = JsonSerializer.Deserialize<PricePlan>(examples[0], BillingJson.Options)!.Versions[0];
        (version.PerCall.IncrementRounding, version.TimeBands![1].From, version.TimeBands[0].Dates!.Count, version.TimeBands[0].Observed)
            .ShouldBe((RoundingMode.HalfUp, new LocalTime(18, 0), 3, ObservedDay.NearestWeekday));
        version.UsageRates[0].BillableSeconds(45).ShouldBe(60);
        version.Bundles!.Single().OveragePerMinute.ShouldBe(0.10m);
    }
}
