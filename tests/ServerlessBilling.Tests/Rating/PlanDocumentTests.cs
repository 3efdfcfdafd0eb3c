using System.Text.Json;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>A plan document is read only when the published schema accepts it: what the lenient model reader would take but the
/// schema refuses (a missing price read as 0, lower-case or numeric enums, numbers as text) is refused, naming the field.</summary>
public class PlanDocumentTests
{
    /// <summary>A one-version plan whose second rate row is <paramref name="rate"/> and whose per-call rounding is <paramref name="perCall"/>.</summary>
    public static string Plan(string rate, string perCall = """{"decimals":4,"mode":"HalfUp"}""") =>
        $$"""{"currency":"USD","versions":[{"effectiveFrom":"2026-01-01","platformFee":1,"numberFee":1,"perCall":{{perCall}},"usageRates":[{"component":"Telephony","perMinute":0.02,"increment":"60/60"},{{rate}}]}]}""";

    /// <summary>Documents the model reader takes (or would take wrongly) and the schema refuses, with the field each refusal names.</summary>
    public static TheoryData<string, string> Refused => new()
    {
        { Plan("""{"component":"Telephony","increment":"60/60"}"""), "versions[0].usageRates[1].perMinute" },
        { Plan("""{"component":"telephony","perMinute":0.01,"increment":"60/60"}"""), "versions[0].usageRates[1].component" },
        { Plan("""{"component":0,"perMinute":0.01,"increment":"60/60"}"""), "versions[0].usageRates[1].component" },
        { Plan("""{"component":"Telephony","perMinute":0.01,"increment":"60/60"}""", """{"decimals":4,"mode":"halfUp"}"""), "versions[0].perCall.mode" },
        { Plan("""{"component":"Telephony","perMinute":"0.01","increment":"60/60"}"""), "versions[0].usageRates[1].perMinute" },
        { Plan("""{"component":"Telephony","perMinute":0.01,"increment":"060/60"}"""), "versions[0].usageRates[1].increment" },
        { Plan("""{"component":"Telephony","perMinute":0.01,"increment":"60/60","minimumSeconds":1.0}"""), "versions[0].usageRates[1].minimumSeconds" },
        { Plan("""{"component":"Telephony","perMinute":0.01,"increment":"60/60","direction":"outbound"}"""), "versions[0].usageRates[1].direction" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Read_DocumentTheSchemaRefuses_IsInvalidNamingTheField(string json, string field)
    {
        var read = PlanDocument.Read(json);

        read.Succeeded.ShouldBeFalse();
        read.Problem!.Kind.ShouldBe(ProblemKind.Invalid);
        read.Problem.Fields.Select(f => f.Field).ShouldBe([field], read.Problem.ToString());
    }

    [Fact]
    public void Read_RateWithoutPrice_SaysThePriceIsRequired()
    {
        var read = PlanDocument.Read(Plan("""{"component":"Telephony","increment":"60/60"}"""));

        read.Problem!.Fields.ShouldBe([new RecordProblem("versions[0].usageRates[1].perMinute", "is required")]);
    }

    [Fact]
    public void Read_LowerCaseEnumName_SaysWhichNamesAreAllowed()
    {
        var read = PlanDocument.Read(Plan("""{"component":"Telephony","perMinute":0.01,"increment":"60/60"}""", """{"decimals":4,"mode":"halfUp"}"""));

        read.Problem!.Fields.ShouldBe([new RecordProblem("versions[0].perCall.mode", "must be one of \"Up\", \"Down\", \"HalfUp\", \"HalfEven\"")]);
    }

    [Fact]
    public void Read_SeveralSchemaErrors_AreEachNamed()
    {
        var read = PlanDocument.Read("""{"currency":"usd","versions":[{"effectiveFrom":"2026-01-01","numberFee":"1","perCall":{},"usageRates":[]}]}""");

        read.Problem!.Fields.Select(f => f.Field).Order(StringComparer.Ordinal).ToList()
            .ShouldBe(["currency", "versions[0].numberFee", "versions[0].platformFee"], read.Problem.ToString());
    }

    [Theory]
    [InlineData("", "$")]
    [InlineData("{", "$")]
    [InlineData("null", "$")]
    [InlineData("[]", "$")]
    public void Read_NoPlanObject_IsInvalidAtTheRoot(string json, string field) =>
        PlanDocument.Read(json).Problem!.Fields.Select(f => f.Field).ShouldBe([field]);

    [Fact]
    public void Read_ValidPlan_ReadsAsWritten()
    {
        var read = PlanDocument.Read(Plan("""{"component":"AiVoice","direction":"Inbound","perMinute":0.09,"increment":"30/6","minimumSeconds":10}"""));

        read.Succeeded.ShouldBeTrue(read.Problem?.ToString());
        var rate = read.Value.Versions[0].UsageRates[1];
        (rate.Component, rate.Direction, rate.PerMinute, rate.Increment, rate.MinimumSeconds)
            .ShouldBe((UsageComponent.AiVoice, CallDirection.Inbound, 0.09m, new BillingIncrement(30, 6), 10));
    }

    [Fact]
    public void Read_PlanTheModelWrites_IsAccepted()
    {
        var plan = new PricePlan("p", "Plan", "EUR",
        [
            new PlanVersion(new NodaTime.LocalDate(2026, 1, 1), 10m, 1m, [new UsageRate(UsageComponent.Telephony, CallDirection.Outbound, 0.02m, new BillingIncrement(30, 6))],
                new PerCallRounding(4, RoundingMode.HalfUp)),
        ]);

        var read = PlanDocument.Read(JsonSerializer.SerializeToUtf8Bytes(plan, BillingJson.Options));

        read.Succeeded.ShouldBeTrue(read.Problem?.ToString());
        read.Value.Versions[0].UsageRates.ShouldBe(plan.Versions[0].UsageRates);
    }

    [Fact]
    public void SchemaText_IsThePublishedFile() =>
        PlanDocument.SchemaText.ShouldBe(File.ReadAllText(Path.Combine(Repository.Folder, "shared", "ServerlessBilling.Domain", "Rating", "price-plan.schema.json")));
}
