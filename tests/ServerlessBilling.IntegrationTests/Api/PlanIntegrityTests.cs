using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Api;

/// <summary>Through the local host: GET gives a plan's ETag, PUT honours If-Match, and a PUT that drops a version an
/// account bills by on its active days is refused naming the account.</summary>
[Collection(AzuriteCollection.Name)]
public class PlanIntegrityTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PlanVersion January = new(new LocalDate(2026, 1, 1), 10m, 0m, [], new PerCallRounding());
    private static readonly PlanVersion April = January with { EffectiveFrom = new LocalDate(2026, 4, 1), PlatformFee = 12m };

    [Fact]
    public async Task PutPlan_IfMatch_StaleVersionIs412AndCurrentVersionWrites()
    {
        var plan = new PricePlan(CloseDriver.UniqueId("tagged-plan"), "Tagged", "USD", [January]);
        var created = await PutPlanAsync(plan);
        var read = await GetWithETagAsync(plan.Id);
        var moved = await PutPlanAsync(plan with { Name = "Moved on" });

        var stale = await PutPlanAsync(plan with { Name = "Stale copy" }, read.ETag);
        var current = await GetWithETagAsync(plan.Id);
        var withCurrent = await PutPlanAsync(plan with { Name = "Current" }, current.ETag);
        var missing = await PutPlanAsync(plan with { Id = CloseDriver.UniqueId("no-plan") }, "\"0123\"");

        (created.Status, moved.Status, stale.Status, withCurrent.Status, missing.Status).ShouldBe(
            (HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.PreconditionFailed, HttpStatusCode.OK, HttpStatusCode.PreconditionFailed));
        read.ETag.ShouldBe(created.ETag);
        current.ETag.ShouldBe(moved.ETag);
        current.ETag.ShouldNotBe(read.ETag);
        (await host.Host.Services.GetRequiredService<IPlanCatalog>().FindAsync(plan.Id, CancellationToken.None))!.Name.ShouldBe("Current");
    }

    [Fact]
    public async Task PutPlan_DropsAVersionAnAccountBillsBy_Is409NamingTheAccount()
    {
        var plan = new PricePlan(CloseDriver.UniqueId("relied-plan"), "Relied on", "USD", [January, April]);
        await PutPlanAsync(plan);
        var (early, late) = (CloseDriver.UniqueId("early"), CloseDriver.UniqueId("late"));
        await host.Api.PutAccountAsync(new Account(early, "Early", plan.Id, new BillingProfile("UTC", 1, "USD"))
            { ActiveFrom = new LocalDate(2026, 1, 1), ActiveUntil = new LocalDate(2026, 3, 1) }, CancellationToken.None);
        await host.Api.PutAccountAsync(new Account(late, "Late", plan.Id, new BillingProfile("UTC", 1, "USD"))
            { ActiveFrom = new LocalDate(2026, 5, 1) }, CancellationToken.None);

        var dropJanuary = await PutPlanAsync(plan with { Versions = [April] });
        var moveJanuary = await PutPlanAsync(plan with { Versions = [January with { EffectiveFrom = new LocalDate(2026, 2, 1) }, April] });
        var addJuly = await PutPlanAsync(plan with { Versions = [January, April, April with { EffectiveFrom = new LocalDate(2026, 7, 1) }] });
        var dropApril = await PutPlanAsync(plan with { Versions = [January, April with { EffectiveFrom = new LocalDate(2026, 7, 1) }] });

        (dropJanuary.Status, moveJanuary.Status, addJuly.Status, dropApril.Status).ShouldBe(
            (HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.OK, HttpStatusCode.Conflict));
        dropJanuary.Problem!.Value.GetProperty("title").GetString().ShouldBe(
            $"Plan '{plan.Id}' drops or moves the version(s) from 2026-01-01 that account(s) '{early}' bill by on their active days; keep them, or move the accounts first");
        dropApril.Problem!.Value.GetProperty("title").GetString().ShouldBe(
            $"Plan '{plan.Id}' drops or moves the version(s) from 2026-04-01 that account(s) '{late}' bill by on their active days; keep them, or move the accounts first");
        (await host.Host.Services.GetRequiredService<IPlanCatalog>().FindAsync(plan.Id, CancellationToken.None))!.Versions.Select(v => v.EffectiveFrom).ShouldBe(
            [new LocalDate(2026, 1, 1), new LocalDate(2026, 4, 1), new LocalDate(2026, 7, 1)]);
    }

    private async Task<(HttpStatusCode Status, JsonElement? Problem, string? ETag)> PutPlanAsync(PricePlan plan, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/plans/{plan.Id}")
        {
            Content = new StringContent(JsonSerializer.Serialize(plan, BillingJson.Options), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-functions-key", host.ApiKey);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonDocument.Parse(text).RootElement.Clone() : (JsonElement?)null;
        return (response.StatusCode, problem, response.Headers.ETag?.ToString());
    }

    private async Task<(HttpStatusCode Status, string? ETag)> GetWithETagAsync(string planId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/plans/{planId}");
        request.Headers.Add("x-functions-key", host.ApiKey);
        using var response = await host.Http.SendAsync(request);
        return (response.StatusCode, response.Headers.ETag?.ToString());
    }
}
