using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Api.Access;

/// <summary>Every route of the function catalog (so a new route is covered without being listed) against every kind of caller, through
/// the local host: what each scope reaches, stated here independently of the code that decides it, and the OpenAPI document's
/// per-operation scopes saying the same.</summary>
/// <remarks>Refusals and reads go over HTTP. A write a caller is allowed is checked with the host's own gate instead of being sent,
/// so the test starts no close, re-rating or backfill on the shared storage.</remarks>
[Collection(AzuriteCollection.Name)]
public class ApiKeyScopeTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private const string Unauthorized = "https://serverlessbilling.dev/problems/unauthorized";
    private const string Forbidden = "https://serverlessbilling.dev/problems/forbidden";

    /// <summary>The writes a customer makes itself, on its own account: setting its payment method.</summary>
    private static readonly string[] CustomerWrites = ["PutPaymentMethod"];

    private readonly KeyedRequests requests = new(host);

    private enum Caller { NoKey, WrongFunctionKey, UnknownKey, RevokedKey, Admin, ReadOnly, CustomerOwnAccount, CustomerLocation, CustomerOtherAccount }

    private enum Expected { Open, Allowed, Unauthorized, Forbidden }

    [Fact]
    public async Task EveryRoute_EveryCaller_IsAnsweredAsTheKeysScopeAllows()
    {
        var (parent, location, other) = await requests.AccountsAsync();
        var admin = KeyedRequests.SecretOf(await requests.IssueAsync("Scope admin", "admin"));
        var readOnly = KeyedRequests.SecretOf(await requests.IssueAsync("Scope reader", "read_only"));
        var customer = KeyedRequests.SecretOf(await requests.IssueAsync("Scope portal", "customer", parent));
        var revoked = await requests.IssueAsync("Scope revoked", "admin");
        (await requests.SendAsync("DELETE", $"api/api-keys/{KeyedRequests.IdOf(revoked)}", requests.Bootstrap)).Status.ShouldBe(HttpStatusCode.OK);
        var unknown = "sb_live_0000beef_" + new string('x', 43);

        var checkedCount = 0;
        foreach (var function in FunctionCatalog.Http)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                var account = caller switch { Caller.CustomerOwnAccount => parent, Caller.CustomerLocation => location, _ => other };
                var values = ManagementRoutes.Parameters(function).ToDictionary(p => p, p => p == "accountId" ? account : ManagementRoutes.Valid(p, Guid.NewGuid().ToString("N")[..10]));
                var headers = caller switch
                {
                    Caller.NoKey => [],
                    Caller.WrongFunctionKey => new Dictionary<string, string> { ["x-functions-key"] = host.ApiKey + "x" },
                    Caller.UnknownKey => KeyedRequests.Bearer(unknown),
                    Caller.RevokedKey => KeyedRequests.Bearer(KeyedRequests.SecretOf(revoked)),
                    Caller.Admin => KeyedRequests.Bearer(admin),
                    Caller.ReadOnly => KeyedRequests.Bearer(readOnly),
                    _ => KeyedRequests.Bearer(customer),
                };
                var expected = ExpectedFor(function, caller);
                var context = $"{caller} {function.Methods[0]} {function.Route} ({function.Name})";

                // The portal's and the console's pages pass the key check and answer by their own session (PortalRoutesTests and
                // ConsoleRoutesTests send them every case).
                if ((expected == Expected.Allowed && function.Methods[0] != "GET") || ManagementRoutes.IsPortalPage(function) || ManagementRoutes.IsConsolePage(function))
                {
                    (await GateAsync(function, headers, values)).ShouldBeNull(context);
                }
                else
                {
                    var (status, body) = await requests.SendAsync(function.Methods[0], ManagementRoutes.Path(function, values), headers, function.Methods[0] == "GET" ? null : "{}");
                    ShouldAnswer(expected, status, body, context);
                }

                checkedCount++;
            }
        }

        checkedCount.ShouldBe(FunctionCatalog.Http.Count * Enum.GetValues<Caller>().Length);
    }

    [Fact]
    public async Task Document_ListsForEachOperationTheScopesThatMayCallIt()
    {
        using var document = JsonDocument.Parse(await host.Http.GetStringAsync(new Uri("api/openapi.json", UriKind.Relative)));

        foreach (var function in FunctionCatalog.Http)
        {
            var operation = document.RootElement.GetProperty("paths").GetProperty("/" + function.Route.Replace("{*", "{", StringComparison.Ordinal))
                .GetProperty(function.Methods[0].ToLowerInvariant());
            var scopes = operation.GetProperty("security").EnumerateArray()
                .Where(s => s.TryGetProperty("apiKey", out _))
                .SelectMany(s => s.GetProperty("apiKey").EnumerateArray().Select(e => e.GetString()!)).ToList();

            var expected = new (string Scope, Caller Caller)[] { ("admin", Caller.Admin), ("read_only", Caller.ReadOnly), ("customer", Caller.CustomerOwnAccount) }
                .Where(s => ExpectedFor(function, s.Caller) == Expected.Allowed).Select(s => s.Scope);
            scopes.ShouldBe(expected, function.Name);
        }
    }

    /// <summary>The rules, as the reference states them.</summary>
    private static Expected ExpectedFor(HttpFunction function, Caller caller)
    {
        if (function.Route.StartsWith("webhooks/", StringComparison.Ordinal) || function.Route is "openapi.json" or "docs" or "health" or "portal" or "console"
            || function.Route.StartsWith("portal/", StringComparison.Ordinal) || function.Route.StartsWith("console/", StringComparison.Ordinal))
        {
            return Expected.Open;
        }

        var adminOnly = function.Route.StartsWith("api-keys", StringComparison.Ordinal);
        var reads = function.Methods.All(m => m == "GET");
        var namesAccount = ManagementRoutes.Parameters(function).Contains("accountId");
        return caller switch
        {
            Caller.NoKey or Caller.WrongFunctionKey or Caller.UnknownKey or Caller.RevokedKey => Expected.Unauthorized,
            Caller.Admin => Expected.Allowed,
            Caller.ReadOnly => reads && !adminOnly ? Expected.Allowed : Expected.Forbidden,
            Caller.CustomerOtherAccount => Expected.Forbidden,
            _ => namesAccount && !adminOnly && (reads || CustomerWrites.Contains(function.Name)) ? Expected.Allowed : Expected.Forbidden,
        };
    }

    private static void ShouldAnswer(Expected expected, HttpStatusCode status, string body, string context)
    {
        switch (expected)
        {
            case Expected.Unauthorized:
                (status, KeyedRequests.ProblemType(body)).ShouldBe((HttpStatusCode.Unauthorized, Unauthorized), context);
                break;
            case Expected.Forbidden:
                (status, KeyedRequests.ProblemType(body)).ShouldBe((HttpStatusCode.Forbidden, Forbidden), context);
                break;
            case Expected.Allowed:
                status.ShouldNotBeOneOf([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden], $"{context}: {body}");
                ((int)status).ShouldBeLessThan(500, $"{context}: {body}");
                break;
            default:
                // Open routes answer as they would without any key: a webhook refuses a missing signature, never a missing key.
                status.ShouldNotBe(HttpStatusCode.Forbidden, context);
                body.ShouldNotContain("A key is required", customMessage: context);
                body.ShouldNotContain("The API key is not valid", customMessage: context);
                break;
        }
    }

    private async Task<IResult?> GateAsync(HttpFunction function, IReadOnlyDictionary<string, string> headers, IReadOnlyDictionary<string, string> values)
    {
        var http = new DefaultHttpContext { RequestServices = host.Host.Services };
        foreach (var (name, value) in headers)
        {
            http.Request.Headers[name] = value;
        }

        var gate = host.Host.Services.GetRequiredService<ApiKeyGate>();
        return await gate.CheckAsync(http, function.Operation, name => values.GetValueOrDefault(name), CancellationToken.None);
    }
}
