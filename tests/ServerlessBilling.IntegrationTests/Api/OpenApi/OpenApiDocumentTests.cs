using System.Net;
using System.Text.Json;
using NodaTime;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Api.OpenApi;

/// <summary>The served OpenAPI document against the build's functions.metadata: every HTTP function, no more, no fewer, with its route,
/// method and key level; and the reference page served by the app itself.</summary>
[Collection(AzuriteCollection.Name)]
public class OpenApiDocumentTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan Plan = new("openapi-plan", "OpenAPI", "USD",
        [new PlanVersion(new LocalDate(2025, 1, 1), 10m, 0m, [], new PerCallRounding())]);

    [Fact]
    public void EveryHttpFunction_DescribesItself() =>
        HttpOperation.All.Where(o => o.Description is null).Select(o => o.Name).ShouldBeEmpty();

    [Fact]
    public async Task Document_DescribesExactlyTheHttpFunctionsOfTheMetadata()
    {
        using var document = await ServedDocumentAsync();
        var described = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation =>
                $"{operation.Name.ToUpperInvariant()} {path.Name} {operation.Value.GetProperty("operationId").GetString()} " +
                (operation.Value.GetProperty("security").EnumerateArray().Any(s => s.TryGetProperty(ApiDocument.FunctionKey, out _)) ? "Keyed" : "Open")))
            .Order();

        // Every route is anonymous to the platform; the app takes a key on all but the webhooks, the description, the health check
        // and the customer portal's and reseller console's pages (their session cookies are their check).
        var metadata = FunctionsMetadataTests.HttpFunctions()
            .Select(f => $"{f.Method} /{f.Route.Replace("{*", "{", StringComparison.Ordinal)} {f.Name} " +
                (f.Route.StartsWith("webhooks/", StringComparison.Ordinal) || f.Route is "openapi.json" or "docs" or "health" or "portal" or "console"
                    || f.Route.StartsWith("portal/", StringComparison.Ordinal) || f.Route.StartsWith("console/", StringComparison.Ordinal) ? "Open" : "Keyed"))
            .Order();

        described.ShouldBe(metadata);
    }

    [Fact]
    public async Task Document_IsAnonymousAndNamesTheVersionThatAnswered()
    {
        using var response = await host.Http.GetAsync(new Uri("api/openapi.json", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Headers.GetValues(ApiVersions.Header).ShouldBe([ApiVersions.Current]);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        document.RootElement.GetProperty("openapi").GetString().ShouldBe("3.1.0");
        document.RootElement.GetProperty("info").GetProperty("version").GetString().ShouldBe(ApiVersions.Current);
    }

    [Fact]
    public async Task Document_ListsEveryProblemType()
    {
        using var document = await ServedDocumentAsync();
        var listed = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ProblemType").GetProperty("oneOf")
            .EnumerateArray().Select(t => t.GetProperty("const").GetString());

        listed.ShouldBe(ProblemResults.Types.Select(t => t.Uri));
        ProblemResults.Types.Select(t => t.Uri).ShouldBe(
        [
            "https://serverlessbilling.dev/problems/invalid-field",
            "https://serverlessbilling.dev/problems/unauthorized",
            "https://serverlessbilling.dev/problems/forbidden",
            "https://serverlessbilling.dev/problems/not-found",
            "https://serverlessbilling.dev/problems/conflict",
            "https://serverlessbilling.dev/problems/precondition-failed",
            "https://serverlessbilling.dev/problems/too-large",
            "https://serverlessbilling.dev/problems/unsupported-version",
        ]);
    }

    [Fact]
    public async Task Document_DescribesAccountsWithTheirWireNames()
    {
        using var document = await ServedDocumentAsync();
        var account = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("Account");

        account.GetProperty("properties").EnumerateObject().Select(p => p.Name).ShouldBe(["id", "name", "planId", "billing", "serviceAddress", "activeFrom", "activeUntil", "tax", "contact", "parentAccountId", "groupBilling", "payment", "dunning", "suspendedAt", "plausibility"]);
        account.GetProperty("additionalProperties").GetBoolean().ShouldBeFalse();
        var put = document.RootElement.GetProperty("paths").GetProperty("/accounts/{accountId}").GetProperty("put");
        put.GetProperty("responses").EnumerateObject().Select(r => r.Name).ShouldBe(["200", "400", "401", "403", "412", "413"]);
        put.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("planId").GetString().ShouldBe("standard-2026");
    }

    [Fact]
    public async Task Document_DescribesEachVendorsSignature()
    {
        using var document = await ServedDocumentAsync();
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");

        schemes.GetProperty("twilioWebhookSignature").GetProperty("name").GetString().ShouldBe("X-Twilio-Signature");
        schemes.GetProperty("stripeWebhookSignature").GetProperty("name").GetString().ShouldBe("Stripe-Signature");
        schemes.GetProperty(ApiDocument.FunctionKey).GetProperty("name").GetString().ShouldBe("x-functions-key");
        schemes.GetProperty(ApiDocument.FunctionKeyQuery).GetProperty("name").GetString().ShouldBe("code");
        schemes.EnumerateObject().Count(s => s.Name.EndsWith("WebhookSignature", StringComparison.Ordinal)).ShouldBe(8);
    }

    [Fact]
    public async Task ReferencePage_IsServedByTheAppWithNothingFromElsewhere()
    {
        using var response = await host.Http.GetAsync(new Uri("api/docs", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldContain("fetch(\"openapi.json\")");
        html.ShouldNotContain("src=\"http");
        html.ShouldNotContain("href=\"http");
        html.ShouldNotContain("@import");
    }

    [Fact]
    public async Task RecordedResponses_AreCheckedAgainstTheDocument()
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        var id = CloseDriver.UniqueId("recorded");

        var created = await ManagementRoutes.SendAsync(host, "PUT", $"api/accounts/{id}",
            """{"name":"Recorded","planId":"openapi-plan","billing":{"timeZone":"UTC","billCycleDay":1,"currency":"USD"}}""");
        var read = await ManagementRoutes.SendAsync(host, "GET", $"api/accounts/{id}", null);
        var missing = await ManagementRoutes.SendAsync(host, "GET", $"api/accounts/{id}-none", null);

        (created.Status, read.Status, missing.Status).ShouldBe((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound));
        host.Responses.Checked.ShouldContain("PutPlan 200");
        host.Responses.Checked.ShouldContain("PutAccount 200");
        host.Responses.Checked.ShouldContain("GetAccount 200");
        host.Responses.Checked.ShouldContain("GetAccount 404");
    }

    [Fact]
    public void Contract_RefusesABodyTheDocumentDoesNotDescribe()
    {
        var refused = ResponseContract.Current.Check("GET", "/accounts/acct-1", 200, "application/json", """{"id":"acct-1","surprise":1}""");

        refused.ShouldNotBeNull();
        refused.ShouldContain("GetAccount answered 200 with a body its schema refuses");
        ResponseContract.Current.Check("GET", "/accounts/acct-1", 418, "application/json", "{}")!.ShouldStartWith("GetAccount answered 418, which the document does not list");
    }

    private async Task<JsonDocument> ServedDocumentAsync() =>
        JsonDocument.Parse(await host.Http.GetStringAsync(new Uri("api/openapi.json", UriKind.Relative)));
}
