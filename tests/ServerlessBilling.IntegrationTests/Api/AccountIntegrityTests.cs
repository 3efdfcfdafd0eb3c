using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Api;

/// <summary>Through the local host: an account naming a plan or parent that does not exist, or a number another account
/// holds, is refused; GET gives an ETag, PUT honours If-Match, and a profile PUT never lifts a suspension.</summary>
[Collection(AzuriteCollection.Name)]
public class AccountIntegrityTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan Plan = new("integrity-plan", "Integrity", "USD",
        [new PlanVersion(new LocalDate(2025, 1, 1), 10m, 0m, [], new PerCallRounding())]);

    [Fact]
    public async Task PutAccount_PlanThatDoesNotExist_Is400NamingPlanIdAndStoresNothing()
    {
        var id = CloseDriver.UniqueId("dangling");

        var put = await PutAccountAsync(id, """{"name":"Dangling","planId":"no-such-plan","billing":{"timeZone":"UTC","billCycleDay":1,"currency":"USD"}}""");
        var get = await ManagementRoutes.SendAsync(host, "GET", $"api/accounts/{id}", null);

        put.Status.ShouldBe(HttpStatusCode.BadRequest);
        put.Problem!.Value.GetProperty("errors").GetProperty("planId")[0].GetString().ShouldBe("plan 'no-such-plan' does not exist");
        get.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutAccount_ParentThatDoesNotExist_Is400NamingParentAccountId()
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);

        var put = await PutAccountAsync(CloseDriver.UniqueId("orphan"),
            """{"name":"Orphan","planId":"integrity-plan","parentAccountId":"no-such-parent","billing":{"timeZone":"UTC","billCycleDay":1,"currency":"USD"}}""");

        put.Status.ShouldBe(HttpStatusCode.BadRequest);
        put.Problem!.Value.GetProperty("errors").GetProperty("parentAccountId")[0].GetString().ShouldBe("account 'no-such-parent' does not exist");
    }

    [Fact]
    public async Task PutNumber_HeldByAnotherAccountOnOverlappingDays_Is409NamingTheHolder()
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        var (first, second) = (CloseDriver.UniqueId("holder"), CloseDriver.UniqueId("taker"));
        await host.Api.PutAccountAsync(new Account(first, "Holder", Plan.Id, new BillingProfile("UTC", 1, "USD")), CancellationToken.None);
        await host.Api.PutAccountAsync(new Account(second, "Taker", Plan.Id, new BillingProfile("UTC", 1, "USD")), CancellationToken.None);
        var number = CloseDriver.UniqueNumber("575");
        await host.Api.AssignNumberAsync(new NumberAssignment(number, first, NumberType.Local, new LocalDate(2026, 1, 1), new LocalDate(2026, 4, 1)), CancellationToken.None);

        var overlapping = await ManagementRoutes.SendAsync(host, "PUT", $"api/accounts/{second}/numbers/{Uri.EscapeDataString(number)}", """{"type":"Local","from":"2026-03-01"}""");
        var after = await ManagementRoutes.SendAsync(host, "PUT", $"api/accounts/{second}/numbers/{Uri.EscapeDataString(number)}", """{"type":"Local","from":"2026-04-01"}""");

        overlapping.Status.ShouldBe(HttpStatusCode.Conflict);
        overlapping.Problem!.Value.GetProperty("title").GetString().ShouldBe(
            $"Number {number} is held by account '{first}' from 2026-01-01 until 2026-04-01; it cannot also be assigned to '{second}' from 2026-03-01");
        after.Status.ShouldBe(HttpStatusCode.OK);
        (await host.Host.Services.GetRequiredService<IAccountDirectory>().ListNumbersAsync(second, CancellationToken.None)).ShouldBe(
            [new NumberAssignment(number, second, NumberType.Local, new LocalDate(2026, 4, 1))]);
    }

    [Fact]
    public async Task PutNumberAndAgent_TwoAccountsAtOnceForOverlappingDays_ExactlyOneWinsEachRound()
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        var (first, second) = (CloseDriver.UniqueId("racer-a"), CloseDriver.UniqueId("racer-b"));
        await host.Api.PutAccountAsync(new Account(first, "Racer A", Plan.Id, new BillingProfile("UTC", 1, "USD")), CancellationToken.None);
        await host.Api.PutAccountAsync(new Account(second, "Racer B", Plan.Id, new BillingProfile("UTC", 1, "USD")), CancellationToken.None);
        var directory = host.Host.Services.GetRequiredService<IAccountDirectory>();

        for (var round = 0; round < 20; round++)
        {
            var number = CloseDriver.UniqueNumber("576");
            var agentId = CloseDriver.UniqueId("race-agent");
            var routes = new[]
            {
                $"api/accounts/{first}/numbers/{Uri.EscapeDataString(number)}", $"api/accounts/{second}/numbers/{Uri.EscapeDataString(number)}",
                $"api/accounts/{first}/agents/retell/{agentId}", $"api/accounts/{second}/agents/retell/{agentId}",
            };
            var bodies = new[] { """{"type":"Local","from":"2026-01-01"}""", """{"type":"Local","from":"2026-02-01"}""", """{"from":"2026-01-01"}""", """{"from":"2026-02-01"}""" };

            var answers = await Task.WhenAll(routes.Select((route, i) => Task.Run(() => ManagementRoutes.SendAsync(host, "PUT", route, bodies[i]))));

            var numberHolder = (await directory.ListAssignmentsOfAsync(number, CancellationToken.None)).ShouldHaveSingleItem().AccountId;
            var agentHolder = (await directory.ListAssignmentsOfAgentAsync("retell", agentId, CancellationToken.None)).ShouldHaveSingleItem().AccountId;
            answers.Select(a => a.Status).ShouldBe(
            [
                numberHolder == first ? HttpStatusCode.OK : HttpStatusCode.Conflict, numberHolder == second ? HttpStatusCode.OK : HttpStatusCode.Conflict,
                agentHolder == first ? HttpStatusCode.OK : HttpStatusCode.Conflict, agentHolder == second ? HttpStatusCode.OK : HttpStatusCode.Conflict,
            ]);
            answers[numberHolder == first ? 1 : 0].Problem!.Value.GetProperty("title").GetString()!
                .ShouldStartWith($"Number {number} is held by account '{numberHolder}' ");
            answers[agentHolder == first ? 3 : 2].Problem!.Value.GetProperty("title").GetString()!
                .ShouldStartWith($"Agent retell/{agentId} is held by account '{agentHolder}' ");
        }
    }

    [Fact]
    public async Task PutAccount_IfMatch_StaleVersionIs412AndNeverLiftsASuspension()
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        var id = CloseDriver.UniqueId("etag");
        var body = """{"name":"Tagged","planId":"integrity-plan","billing":{"timeZone":"UTC","billCycleDay":1,"currency":"USD"}}""";
        var created = await PutAccountAsync(id, body);
        var read = await GetWithETagAsync(id);

        // Collections suspend the account (as the dunning step does), which moves its version on.
        var suspendedAt = Instant.FromUtc(2026, 5, 1, 12, 0);
        await host.Host.Services.GetRequiredService<IAccountDirectory>().UpdateAsync(id, a => a with { SuspendedAt = suspendedAt }, CancellationToken.None);
        var stale = await PutAccountAsync(id, body.Replace("Tagged", "Stale CRM copy", StringComparison.Ordinal), read.ETag);
        var current = await GetWithETagAsync(id);
        var withCurrent = await PutAccountAsync(id, body.Replace("Tagged", "Current", StringComparison.Ordinal), current.ETag);
        var blind = await PutAccountAsync(id, body.Replace("Tagged", "Blind CRM sync", StringComparison.Ordinal));
        var final = await host.Host.Services.GetRequiredService<IAccountDirectory>().FindAsync(id, CancellationToken.None);

        (created.Status, stale.Status, withCurrent.Status, blind.Status).ShouldBe(
            (HttpStatusCode.OK, HttpStatusCode.PreconditionFailed, HttpStatusCode.OK, HttpStatusCode.OK));
        read.ETag.ShouldBe(created.ETag);
        current.ETag.ShouldNotBe(read.ETag);
        withCurrent.ETag.ShouldNotBe(current.ETag);
        (final!.Name, final.SuspendedAt).ShouldBe(("Blind CRM sync", suspendedAt));
    }

    [Fact]
    public async Task PutAccount_IfMatchOnAnAccountThatDoesNotExist_Is412()
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        var id = CloseDriver.UniqueId("nothing");

        var put = await PutAccountAsync(id, """{"name":"X","planId":"integrity-plan","billing":{"timeZone":"UTC","billCycleDay":1,"currency":"USD"}}""", "\"0123\"");

        put.Status.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await ManagementRoutes.SendAsync(host, "GET", $"api/accounts/{id}", null)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<(HttpStatusCode Status, System.Text.Json.JsonElement? Problem, string? ETag)> PutAccountAsync(string id, string body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/accounts/{id}") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", host.ApiKey);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? System.Text.Json.JsonDocument.Parse(text).RootElement.Clone() : (System.Text.Json.JsonElement?)null;
        return (response.StatusCode, problem, response.Headers.ETag?.ToString());
    }

    private async Task<(HttpStatusCode Status, string? ETag)> GetWithETagAsync(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/accounts/{id}");
        request.Headers.Add("x-functions-key", host.ApiKey);
        using var response = await host.Http.SendAsync(request);
        return (response.StatusCode, response.Headers.ETag?.ToString());
    }
}
