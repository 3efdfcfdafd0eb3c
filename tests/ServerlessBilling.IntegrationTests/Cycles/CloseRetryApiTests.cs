using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Access;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.IntegrationTests.Console;
using ServerlessBilling.Invoicing;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Pdf;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary><c>POST /api/cycles/{accountId}/{periodStart}/retry</c> on a local host of its own whose PDF renderer breaks, then is mended:
/// the failed close runs again and finishes under the number the failed run took; a read-only key cannot retry it, and a close that
/// has not failed is a 409 conflict.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CloseRetryApiTests : IAsyncLifetime
{
    private const string Conflict = "https://serverlessbilling.dev/problems/conflict";

    private static readonly PricePlan Plan = new(CloseDriver.UniqueId("plan"), "Retry Voice", "USD",
        [new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 20m, NumberFee: 1.50m,
            [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.06m, BillingIncrement.PerMinute)], new PerCallRounding())]);

    private readonly Account clinic = new(CloseDriver.UniqueId("retry"), "Retried Close Clinic", Plan.Id, new BillingProfile("UTC", 1, "USD"));
    private readonly StallingRender render;
    private OwnBillingHost host = null!;

    public CloseRetryApiTests() => render = new StallingRender(clinic.Id);

    public async Task InitializeAsync()
    {
        await AzuriteLauncher.EnsureRunningAsync(AzuriteFixture.Options, RepositoryRoot.Find(), TextWriter.Null, CancellationToken.None);
        host = await OwnBillingHost.StartAsync(
            OwnBillingHost.NewTaskHub(),
            CloseDriver.UniqueId("seq"),
            services => services.AddSingleton<IInvoiceRenderer>(p => render.Around(ActivatorUtilities.CreateInstance<InvoicePdfRenderer>(p))));
    }

    public Task DisposeAsync() => host.DisposeAsync().AsTask();

    [Fact]
    public async Task Retry_FailedClose_FinishesUnderTheSameNumber_ReadOnlyIsForbidden_AndAgainIsConflict()
    {
        await host.Driver.SeedAsync(Plan, clinic, new NumberAssignment(CloseDriver.UniqueNumber("576"), clinic.Id, NumberType.Local, new LocalDate(2025, 5, 1)));
        var cycle = new CycleRequest(clinic.Id, "2025-06-01");
        var path = $"api/cycles/{cycle.AccountId}/{cycle.PeriodStart}/retry";
        render.Fail();
        await host.Api.StartCloseAsync(cycle, CancellationToken.None);
        var failed = await host.Api.WaitForCloseStatusAsync(cycle, TimeSpan.FromMinutes(3), s => s.RuntimeStatus == "Failed", CancellationToken.None);
        failed.Failure.ShouldBe(StallingRender.Reason);
        render.Attempts.ShouldBe(6); // the one-activity close's, then the issuing step's five


        var readerKey = (await host.Host.Services.GetRequiredService<ApiKeys>()
            .IssueAsync(new ApiKeyRequest("Retry reader", ApiKeyScope.ReadOnly, null), CancellationToken.None)).Value.Secret;
        using (var refused = await PostAsync(path, $"Bearer {readerKey}"))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await host.Api.GetCloseAsync(cycle, CancellationToken.None)).RuntimeStatus.ShouldBe("Failed");

        render.Mend();
        using (var retried = await PostAsync(path))
        {
            retried.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            retried.Headers.Location!.ToString().ShouldBe($"/api/cycles/{cycle.AccountId}/{cycle.PeriodStart}");
            var body = await retried.Content.ReadFromJsonAsync<JsonElement>();
            (body.GetProperty("instanceId").GetString(), body.GetProperty("started").GetBoolean()).ShouldBe((cycle.InstanceId, true));
        }

        var invoice = await host.Api.WaitForCloseAsync(cycle, TimeSpan.FromMinutes(2), CancellationToken.None);
        invoice.Number.ShouldBe("INV-000001"); // the number the failed run took: none was taken twice
        invoice.Total.ShouldBe(21.50m);
        render.Attempts.ShouldBe(7);

        using var again = await PostAsync(path);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        (problem.GetProperty("type").GetString(), problem.GetProperty("title").GetString()).ShouldBe((Conflict, "The close has not failed"));
        render.Attempts.ShouldBe(7);
    }

    [Fact]
    public async Task Retry_CloseNeverStarted_IsNotFound_AndAMalformedPeriodIsInvalid()
    {
        using var missing = await PostAsync($"api/cycles/{CloseDriver.UniqueId("never")}/2025-06-01/retry");
        using var malformed = await PostAsync($"api/cycles/{clinic.Id}/june/retry");

        (missing.StatusCode, malformed.StatusCode).ShouldBe((HttpStatusCode.NotFound, HttpStatusCode.BadRequest));
        (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldBe("https://serverlessbilling.dev/problems/not-found");
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (authorization is null)
        {
            request.Headers.Add("x-functions-key", host.ApiKey);
        }
        else
        {
            request.Headers.Add("Authorization", authorization);
        }

        return await host.Http.SendAsync(request);
    }
}
