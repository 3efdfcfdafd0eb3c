using System.Net;
using System.Text.Json;

namespace ServerlessBilling.IntegrationTests.Api;

/// <summary><c>PUT /api/plans/{planId}</c> through the local host refuses what the plan schema refuses, naming the field, and
/// stores nothing; a plan the schema accepts is stored as written.</summary>
[Collection(AzuriteCollection.Name)]
public class PlanDocumentApiTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static string Plan(string rate, string perCall = """{"decimals":4,"mode":"HalfUp"}""") =>
        $$"""{"currency":"USD","versions":[{"effectiveFrom":"2026-01-01","platformFee":1,"numberFee":1,"perCall":{{perCall}},"usageRates":[{"component":"Telephony","perMinute":0.02,"increment":"60/60"},{{rate}}]}]}""";

    public static TheoryData<string, string, string> Refused => new()
    {
        { Plan("""{"component":"Telephony","increment":"60/60"}"""), "versions[0].usageRates[1].perMinute", "is required" },
        { Plan("""{"component":"telephony","perMinute":0.01,"increment":"60/60"}"""), "versions[0].usageRates[1].component", "must be one of \"Telephony\", \"AiVoice\", \"Transfer\"" },
        { Plan("""{"component":0,"perMinute":0.01,"increment":"60/60"}"""), "versions[0].usageRates[1].component", "must be one of \"Telephony\", \"AiVoice\", \"Transfer\"" },
        { Plan("""{"component":"Telephony","perMinute":0.01,"increment":"60/60"}""", """{"decimals":4,"mode":"halfUp"}"""), "versions[0].perCall.mode", "must be one of \"Up\", \"Down\", \"HalfUp\", \"HalfEven\"" },
        { Plan("""{"component":"Telephony","perMinute":"0.01","increment":"60/60"}"""), "versions[0].usageRates[1].perMinute", "Value is \"string\" but should be \"number\"" },
        { Plan("""{"component":"Telephony","perMinute":0.01,"increment":"060/60"}"""), "versions[0].usageRates[1].increment", "The string value is not a match for the indicated regular expression" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Put_DocumentTheSchemaRefuses_Is400NamingTheFieldAndStoresNothing(string json, string field, string reason)
    {
        var path = $"api/plans/schema-{Guid.NewGuid():N}";

        var (status, problem, text) = await ManagementRoutes.SendAsync(host, "PUT", path, json);

        status.ShouldBe(HttpStatusCode.BadRequest, text);
        problem!.Value.GetProperty("title").GetString().ShouldEndWith("is not a valid document");
        ManagementRoutes.ErrorFields(problem.Value).ShouldBe([field], text);
        problem.Value.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe(reason);
        (await ManagementRoutes.SendAsync(host, "GET", path, null)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_WholeNumberWrittenWithAFraction_Is400NamingTheField()
    {
        var json = Plan("""{"component":"Telephony","perMinute":0.01,"increment":"60/60","minimumSeconds":1.0}""");

        var (status, problem, text) = await ManagementRoutes.SendAsync(host, "PUT", $"api/plans/schema-{Guid.NewGuid():N}", json);

        status.ShouldBe(HttpStatusCode.BadRequest, text);
        ManagementRoutes.ErrorFields(problem!.Value).ShouldBe(["versions[0].usageRates[1].minimumSeconds"], text);
    }

    [Fact]
    public async Task Put_PlanTheSchemaAccepts_IsStoredAsWritten()
    {
        var path = $"api/plans/schema-{Guid.NewGuid():N}";
        var json = Plan("""{"component":"AiVoice","direction":"Inbound","perMinute":0.09,"increment":"30/6","minimumSeconds":10}""");

        var (status, _, text) = await ManagementRoutes.SendAsync(host, "PUT", path, json);
        var (_, _, stored) = await ManagementRoutes.SendAsync(host, "GET", path, null);

        status.ShouldBe(HttpStatusCode.OK, text);
        var rate = JsonDocument.Parse(stored).RootElement.GetProperty("versions")[0].GetProperty("usageRates")[1];
        (rate.GetProperty("component").GetString(), rate.GetProperty("perMinute").GetDecimal(), rate.GetProperty("increment").GetString(), rate.GetProperty("minimumSeconds").GetInt32())
            .ShouldBe(("AiVoice", 0.09m, "30/6", 10));
    }
}
