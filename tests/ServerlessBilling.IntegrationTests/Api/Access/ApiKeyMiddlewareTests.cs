using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Access;
using ServerlessBilling.Accounts;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.IntegrationTests.Storage;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Api.Access;

/// <summary>The Functions host's <see cref="ApiKeyMiddleware"/> on its own: it finds the function's route by name, reads
/// <c>{accountId}</c> from the invocation's binding data, and either calls the function or writes the refusal without calling it.
/// Keys and accounts are real tables on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ApiKeyMiddlewareTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Bootstrap = "bootstrap-key-for-the-middleware";
    private readonly ScratchTables tables = new(azurite);
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        services = new ServiceCollection()
            .AddLogging()
            .AddProblemDetails()
            .AddSingleton<IClock>(SystemClock.Instance)
            .AddSingleton(new BootstrapKey(Bootstrap))
            .AddSingleton<IApiKeyStore>(new TableApiKeyStore(tables))
            .AddSingleton<IAccountDirectory>(new TableAccountDirectory(tables, SystemClock.Instance))
            .AddSingleton<ApiKeys>()
            .AddSingleton<ApiKeyGate>()
            .BuildServiceProvider();
        await tables.ReadyAsync(services.GetRequiredService<IAccountDirectory>());
        var accounts = services.GetRequiredService<IAccountDirectory>();
        await accounts.SetAsync(new Account("mw-parent", "Parent", "p", new BillingProfile("UTC", 1, "USD")), default);
        await accounts.SetAsync(new Account("mw-location", "Location", "p", new BillingProfile("UTC", 1, "USD")) { ParentAccountId = "mw-parent" }, default);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await tables.DeleteAsync();
    }

    [Fact]
    public async Task PublicRoute_CallsTheFunctionWithoutAKey()
    {
        var (called, http) = await InvokeAsync("GetHealth", new Dictionary<string, string>(), new Dictionary<string, object?>());

        (called, http.Response.StatusCode).ShouldBe((true, 200));
    }

    [Fact]
    public async Task KeyedRouteWithoutAKey_Writes401ProblemDetails_AndDoesNotCallTheFunction()
    {
        var (called, http) = await InvokeAsync("ListPlans", new Dictionary<string, string>(), new Dictionary<string, object?>());

        (called, http.Response.StatusCode).ShouldBe((false, 401));
        http.Response.ContentType.ShouldBe("application/problem+json");
        ProblemType(http).ShouldBe("https://serverlessbilling.dev/problems/unauthorized");
    }

    [Fact]
    public async Task FunctionKey_IsTheBootstrapAdmin_EvenOnKeyAdministration()
    {
        var (called, _) = await InvokeAsync("IssueApiKey", new Dictionary<string, string> { ["x-functions-key"] = Bootstrap }, new Dictionary<string, object?>());

        called.ShouldBeTrue();
    }

    [Fact]
    public async Task ReadOnlyKey_CallsAReadButNotAWrite()
    {
        var key = await IssueAsync(ApiKeyScope.ReadOnly, null);

        var read = await InvokeAsync("ListPlans", key, new Dictionary<string, object?>());
        var write = await InvokeAsync("PutPlan", key, new Dictionary<string, object?> { ["planId"] = "p" });

        read.Called.ShouldBeTrue();
        (write.Called, write.Http.Response.StatusCode, ProblemType(write.Http)).ShouldBe((false, 403, "https://serverlessbilling.dev/problems/forbidden"));
    }

    [Fact]
    public async Task CustomerKey_ReachesItsAccountAndItsLocationsFromTheBindingData_AndNothingElse()
    {
        var key = await IssueAsync(ApiKeyScope.Customer, "mw-parent");

        var own = await InvokeAsync("GetAccount", key, new Dictionary<string, object?> { ["accountId"] = "mw-parent" });
        var location = await InvokeAsync("ListAccountInvoices", key, new Dictionary<string, object?> { ["accountId"] = "mw-location" });
        var card = await InvokeAsync("PutPaymentMethod", key, new Dictionary<string, object?> { ["accountId"] = "mw-location" });
        var other = await InvokeAsync("GetAccount", key, new Dictionary<string, object?> { ["accountId"] = "mw-elsewhere" });
        var noAccount = await InvokeAsync("ListAccounts", key, new Dictionary<string, object?>());
        var adminWrite = await InvokeAsync("PutAccount", key, new Dictionary<string, object?> { ["accountId"] = "mw-parent" });

        (own.Called, location.Called, card.Called).ShouldBe((true, true, true));
        (other.Called, other.Http.Response.StatusCode).ShouldBe((false, 403));
        (noAccount.Called, noAccount.Http.Response.StatusCode).ShouldBe((false, 403));
        (adminWrite.Called, adminWrite.Http.Response.StatusCode).ShouldBe((false, 403));
    }

    private async Task<Dictionary<string, string>> IssueAsync(ApiKeyScope scope, string? accountId)
    {
        var issued = await services.GetRequiredService<ApiKeys>().IssueAsync(new ApiKeyRequest("Middleware", scope, accountId), default);
        return new Dictionary<string, string> { ["Authorization"] = $"Bearer {issued.Value.Secret}" };
    }

    private async Task<(bool Called, DefaultHttpContext Http)> InvokeAsync(string function, IReadOnlyDictionary<string, string> headers, IReadOnlyDictionary<string, object?> bindingData)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        foreach (var (name, value) in headers)
        {
            http.Request.Headers[name] = value;
        }

        var called = false;
        await new ApiKeyMiddleware().Invoke(new FakeFunctionContext(function, http, bindingData, services), _ =>
        {
            called = true;
            return Task.CompletedTask;
        });
        return (called, http);
    }

    private static string? ProblemType(DefaultHttpContext http)
    {
        http.Response.Body.Position = 0;
        return JsonDocument.Parse(http.Response.Body).RootElement.GetProperty("type").GetString();
    }
}
