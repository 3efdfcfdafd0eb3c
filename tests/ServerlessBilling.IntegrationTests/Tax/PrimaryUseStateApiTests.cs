using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Api;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Tax;

/// <summary>Through the local host on Azurite: a number's state of primary use is stored with its assignment and listed back, a value
/// that is not a USPS state code is a 400 naming <c>primaryUseState</c> that stores nothing, and the OpenAPI document describes it.</summary>
[Collection(AzuriteCollection.Name)]
public class PrimaryUseStateApiTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan Plan = new("primary-use-plan", "Primary use", "USD",
        [new PlanVersion(new LocalDate(2025, 1, 1), 10m, 0m, [], new PerCallRounding())]);

    [Fact]
    public async Task PutNumber_WithPrimaryUseState_StoredAndListed_NotAStateIs400NamingTheField()
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        var account = CloseDriver.UniqueId("primary-use");
        await host.Api.PutAccountAsync(new Account(account, "Primary Use Co", Plan.Id, new BillingProfile("UTC", 1, "USD"),
            new PostalAddress("1 Pike St", "Seattle", "WA", "98101", "US")), CancellationToken.None);
        var (tollFree, refused) = (CloseDriver.UniqueNumber("800"), CloseDriver.UniqueNumber("206"));

        var put = await ManagementRoutes.SendAsync(host, "PUT", $"api/accounts/{account}/numbers/{Uri.EscapeDataString(tollFree)}",
            """{"type":"TollFree","from":"2026-01-01","primaryUseState":"OR"}""");
        var bad = await ManagementRoutes.SendAsync(host, "PUT", $"api/accounts/{account}/numbers/{Uri.EscapeDataString(refused)}",
            """{"type":"Local","from":"2026-01-01","primaryUseState":"Oregon"}""");
        var listed = await ManagementRoutes.SendAsync(host, "GET", $"api/accounts/{account}/numbers", null);

        put.Status.ShouldBe(HttpStatusCode.OK);
        bad.Status.ShouldBe(HttpStatusCode.BadRequest);
        bad.Problem!.Value.GetProperty("errors").EnumerateObject().Select(e => (e.Name, e.Value[0].GetString())).ShouldBe(
            [("primaryUseState", "'Oregon' is not a US state: give its two-letter USPS code in upper case (CA, WA, DC)")]);
        listed.Status.ShouldBe(HttpStatusCode.OK);
        (await host.Host.Services.GetRequiredService<IAccountDirectory>().ListNumbersAsync(account, CancellationToken.None)).ShouldBe(
            [new NumberAssignment(tollFree, account, NumberType.TollFree, new LocalDate(2026, 1, 1)) { PrimaryUseState = "OR" }]);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesPrimaryUseStateOnTheNumberAssignment()
    {
        using var document = JsonDocument.Parse(await host.Http.GetStringAsync(new Uri("api/openapi.json", UriKind.Relative)));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        foreach (var name in new[] { "NumberAssignment", "NumberAssignmentInput" })
        {
            var state = schemas.GetProperty(name).GetProperty("properties").GetProperty("primaryUseState");
            state.GetProperty("type").EnumerateArray().Select(t => t.GetString()).ShouldBe(["string", "null"]);
            state.GetProperty("description").GetString()!.ShouldStartWith("The US state the number is used in (place of primary use), as a two-letter USPS code");
        }

        var put = document.RootElement.GetProperty("paths").GetProperty("/accounts/{accountId}/numbers/{number}").GetProperty("put");
        put.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("primaryUseState").GetString().ShouldBe("NM");
        put.GetProperty("responses").EnumerateObject().Select(r => r.Name).ShouldContain("400");
    }
}
