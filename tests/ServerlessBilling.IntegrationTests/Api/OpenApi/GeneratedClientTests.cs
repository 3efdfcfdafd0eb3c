using System.Net;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using NodaTime;
using ServerlessBilling.Client;
using ServerlessBilling.Client.Accounts.Item;
using Models = ServerlessBilling.Client.Models;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Api.OpenApi;

/// <summary>The client the build generates from the OpenAPI document, against the local host: it creates an account, reads it back and
/// reads a problem as the typed error the document describes.</summary>
[Collection(AzuriteCollection.Name)]
public class GeneratedClientTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan Plan = new("generated-client-plan", "Generated client", "USD",
        [new PlanVersion(new LocalDate(2025, 1, 1), 10m, 0m, [], new PerCallRounding())]);

    [Fact]
    public async Task GeneratedClient_CreatesAnAccountReadsItBackAndReadsAProblem()
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        var client = Client(host.ApiKey);
        var id = CloseDriver.UniqueId("kiota");

        var created = await client.Accounts[id].PutAsync(new Models.AccountInput
        {
            Name = "Generated Co",
            PlanId = Plan.Id,
            Billing = new Models.AccountInput_billing { TimeZone = "America/Chicago", Currency = "USD", BillCycleDay = new() { Integer = 15 } },
        });
        var read = await client.Accounts[id].GetAsync();
        var missing = await Should.ThrowAsync<Account404Error>(() => client.Accounts[id + "-none"].GetAsync());

        (created!.Id, created.Name).ShouldBe((id, "Generated Co"));
        (read!.Id, read.Name, read.PlanId, read.Billing!.TimeZone, read.Billing.Currency, read.Billing.BillCycleDay!.Integer)
            .ShouldBe((id, "Generated Co", Plan.Id, "America/Chicago", "USD", 15));
        missing.ResponseStatusCode.ShouldBe((int)HttpStatusCode.NotFound);
        missing.Type.ShouldBe(Account404Error_type.HttpsServerlessbillingDevProblemsNotFound);
        missing.Title.ShouldBe($"Account '{id}-none' was not found");
        host.Responses.Checked.ShouldContain("GetAccount 404");
    }

    [Fact]
    public async Task GeneratedClient_WithoutAValidKey_ReadsUnauthorized()
    {
        var unauthorized = await Should.ThrowAsync<Account401Error>(() => Client("not-the-key").Accounts[CloseDriver.UniqueId("kiota")].GetAsync());

        unauthorized.ResponseStatusCode.ShouldBe((int)HttpStatusCode.Unauthorized);
        unauthorized.Type.ShouldBe(Account401Error_type.HttpsServerlessbillingDevProblemsUnauthorized);
    }

    private BillingClient Client(string key) =>
        new(new HttpClientRequestAdapter(new FunctionKey(key), httpClient: host.Http)
        {
            BaseUrl = new Uri(host.Host.BaseAddress, "api").ToString(),
        });

    /// <summary>The function key as a header. Kiota's own key provider sends keys over https only; the local host is plain http on loopback.</summary>
    private sealed class FunctionKey(string key) : IAuthenticationProvider
    {
        public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
        {
            request.Headers.Add("x-functions-key", key);
            return Task.CompletedTask;
        }
    }
}
