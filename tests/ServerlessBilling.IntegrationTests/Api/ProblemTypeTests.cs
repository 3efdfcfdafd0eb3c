using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Api;

/// <summary>Each kind of error answers with its stable <c>type</c> URI and status, through the local host; and the dated API version is
/// echoed on management routes, refused when unknown, and absent from vendor webhooks.</summary>
[Collection(AzuriteCollection.Name)]
public class ProblemTypeTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private const string Problems = "https://serverlessbilling.dev/problems/";

    private static readonly PricePlan Plan = new("problem-types-plan", "Problem types", "USD",
        [new PlanVersion(new LocalDate(2025, 1, 1), 10m, 0m, [], new PerCallRounding())]);

    [Fact]
    public async Task InvalidField_IsTypedAndNamesTheField()
    {
        var put = await ManagementRoutes.SendAsync(host, "PUT", $"api/accounts/{CloseDriver.UniqueId("typed")}",
            """{"name":"Typed","planId":"no-such-plan","billing":{"timeZone":"UTC","billCycleDay":1,"currency":"USD"}}""");

        AssertProblem(put, HttpStatusCode.BadRequest, "invalid-field");
        ManagementRoutes.ErrorFields(put.Problem!.Value).ShouldBe(["planId"]);
    }

    [Fact]
    public async Task NotFound_IsTyped() =>
        AssertProblem(await ManagementRoutes.SendAsync(host, "GET", $"api/accounts/{CloseDriver.UniqueId("absent")}", null), HttpStatusCode.NotFound, "not-found");

    [Fact]
    public async Task Conflict_IsTyped()
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        var (first, second) = (CloseDriver.UniqueId("holder"), CloseDriver.UniqueId("taker"));
        await host.Api.PutAccountAsync(new Account(first, "Holder", Plan.Id, new BillingProfile("UTC", 1, "USD")), CancellationToken.None);
        await host.Api.PutAccountAsync(new Account(second, "Taker", Plan.Id, new BillingProfile("UTC", 1, "USD")), CancellationToken.None);
        var number = CloseDriver.UniqueNumber("576");
        await host.Api.AssignNumberAsync(new NumberAssignment(number, first, NumberType.Local, new LocalDate(2026, 1, 1)), CancellationToken.None);

        var taken = await ManagementRoutes.SendAsync(host, "PUT", $"api/accounts/{second}/numbers/{Uri.EscapeDataString(number)}", """{"type":"Local","from":"2026-03-01"}""");

        AssertProblem(taken, HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task PreconditionFailed_IsTyped()
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);

        var stale = await ManagementRoutes.SendAsync(host, "PUT", $"api/accounts/{CloseDriver.UniqueId("stale")}",
            """{"name":"Stale","planId":"problem-types-plan","billing":{"timeZone":"UTC","billCycleDay":1,"currency":"USD"}}""",
            new Dictionary<string, string> { ["If-Match"] = "\"0123\"" });

        AssertProblem(stale, HttpStatusCode.PreconditionFailed, "precondition-failed");
    }

    [Fact]
    public async Task TooLarge_IsTyped()
    {
        var body = $$"""{"name":"{{new string('x', RequestBody.DocumentLimitBytes)}}"}""";

        AssertProblem(await ManagementRoutes.SendAsync(host, "PUT", $"api/accounts/{CloseDriver.UniqueId("large")}", body), HttpStatusCode.RequestEntityTooLarge, "too-large");
    }

    [Fact]
    public async Task Unauthorized_WithoutAKey_IsTyped()
    {
        using var response = await host.Http.GetAsync(new Uri($"api/accounts/{CloseDriver.UniqueId("nokey")}", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        TypeOf(await response.Content.ReadAsStringAsync()).ShouldBe(Problems + "unauthorized");
    }

    [Fact]
    public async Task Unauthorized_ForgedWebhook_IsTyped()
    {
        using var content = new StringContent("""{"event":"call_ended","call":{}}""", Encoding.UTF8, "application/json");
        content.Headers.Add("x-retell-signature", "v=1700000000000,d=" + new string('0', 64));

        using var response = await host.Http.PostAsync(new Uri("api/webhooks/retell", UriKind.Relative), content);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        TypeOf(await response.Content.ReadAsStringAsync()).ShouldBe(Problems + "unauthorized");
    }

    [Fact]
    public async Task ManagementRoute_WithoutAVersion_AnswersAndNamesTheCurrentOne()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"api/accounts/{CloseDriver.UniqueId("version")}", UriKind.Relative));
        request.Headers.Add("x-functions-key", host.ApiKey);

        using var response = await host.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Headers.GetValues(ApiVersions.Header).ShouldBe(["2026-12-01"]);
    }

    [Fact]
    public async Task ManagementRoute_CurrentVersionAsked_IsEchoed()
    {
        var put = await ManagementRoutes.SendAsync(host, "GET", $"api/accounts/{CloseDriver.UniqueId("pinned")}", null,
            new Dictionary<string, string> { [ApiVersions.Header] = ApiVersions.Current });

        AssertProblem(put, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task ManagementRoute_UnknownVersion_IsTypedAndDoesNothing()
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        var id = CloseDriver.UniqueId("unversioned");

        var put = await ManagementRoutes.SendAsync(host, "PUT", $"api/accounts/{id}",
            """{"name":"Unversioned","planId":"problem-types-plan","billing":{"timeZone":"UTC","billCycleDay":1,"currency":"USD"}}""",
            new Dictionary<string, string> { [ApiVersions.Header] = "2019-01-01" });

        AssertProblem(put, HttpStatusCode.BadRequest, "unsupported-version");
        put.Problem!.Value.GetProperty("title").GetString().ShouldBe("API version '2019-01-01' is not served");
        (await ManagementRoutes.SendAsync(host, "GET", $"api/accounts/{id}", null)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task VendorWebhook_IsNotVersioned()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        content.Headers.Add(ApiVersions.Header, "2019-01-01");

        using var response = await host.Http.PostAsync(new Uri("api/webhooks/retell", UriKind.Relative), content);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.Contains(ApiVersions.Header).ShouldBeFalse();
    }

    private static void AssertProblem((HttpStatusCode Status, JsonElement? Problem, string Body) response, HttpStatusCode status, string slug)
    {
        response.Status.ShouldBe(status);
        response.Problem.ShouldNotBeNull(response.Body);
        response.Problem!.Value.GetProperty("type").GetString().ShouldBe(Problems + slug);
        response.Problem.Value.GetProperty("status").GetInt32().ShouldBe((int)status);
    }

    private static string? TypeOf(string problem) => JsonDocument.Parse(problem).RootElement.GetProperty("type").GetString();
}
