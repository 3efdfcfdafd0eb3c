using System.Net;
using System.Text;
using System.Text.Json;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Api;

/// <summary>Every management route of the Functions app (all HTTP functions but the webhooks and the customer portal's pages), read
/// from the function catalog so a new route is exercised without being listed, with a valid value for each route parameter.
/// The reseller console's pages are left out too: ConsoleRoutesTests checks their sessions.</summary>
/// <remarks>The portal's pages answer HTML behind a session cookie, not problem details behind a key; PortalRoutesTests sends every
/// one of them another account's ids instead.</remarks>
public static class ManagementRoutes
{
    public static IReadOnlyList<HttpFunction> All { get; } =
        [.. FunctionCatalog.Http.Where(f => !f.Route.StartsWith("webhooks/", StringComparison.Ordinal) && !IsPortalPage(f) && !IsConsolePage(f)).OrderBy(f => f.Name, StringComparer.Ordinal)];

    /// <summary>A page (or file) of the customer portal: under <c>portal</c>, anonymous to the platform.</summary>
    public static bool IsPortalPage(HttpFunction function) =>
        function.Route == "portal" || function.Route.StartsWith("portal/", StringComparison.Ordinal);

    /// <summary>A page of the reseller console: under <c>console</c>, anonymous to the platform, behind the console's own session.</summary>
    public static bool IsConsolePage(HttpFunction function) =>
        function.Route == "console" || function.Route.StartsWith("console/", StringComparison.Ordinal);

    /// <summary>The route's parameters in order, without catch-all stars: <c>accounts/{accountId}/numbers/{number}</c> gives accountId, number.</summary>
    public static IReadOnlyList<string> Parameters(HttpFunction function) =>
        [.. Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(function.Route).Parameters.Select(p => p.Name)];

    /// <summary>A valid value for <paramref name="parameter"/> that names nothing stored (ids carry <paramref name="unique"/>).</summary>
    /// <remarks>A new route parameter fails here until the test knows its rule, so its ids are thrown at it too.</remarks>
    public static string Valid(string parameter, string unique) => parameter switch
    {
        "accountId" => $"robust-{unique}",
        "planId" => $"robust-plan-{unique}",
        "invoiceId" => $"robust-{unique}-20260101",
        "creditNoteId" => $"robust-{unique}-20260101-cn-1",
        "kind" => "pdf",
        "number" => "+15055550199",
        "vendor" => "retell",
        "agentId" => $"agent_{unique}",
        "source" => $"robust-{unique}",
        "periodStart" => "2026-01-01",
        "date" => "2026-01-01",
        "year" => "2026",
        "name" => $"robust-{unique}",
        "product" => "voice",
        "month" => "2026-01",
        "keyId" => unique[..8],
        "endpointId" => $"we_robust{unique}",
        "deliveryId" => $"dlv_robust{unique}",
        "importId" => $"mig-robust{unique}",
        _ => throw new InvalidOperationException($"No valid value is known for route parameter '{parameter}': add its rule to RouteIds and here."),
    };

    /// <summary>The request path with each parameter's value inserted exactly as given (already percent-encoded by the caller).</summary>
    public static string Path(HttpFunction function, IReadOnlyDictionary<string, string> values)
    {
        var path = function.Route;
        foreach (var (name, value) in values)
        {
            path = path.Replace("{*" + name + "}", value, StringComparison.Ordinal).Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return "api/" + path;
    }

    public static async Task<(HttpStatusCode Status, JsonElement? Problem, string Body)> SendAsync(
        LocalHostFixture host, string method, string path, string? body, IReadOnlyDictionary<string, string>? headers = null)
    {
        // The path goes on the wire as written: HttpClient must neither decode nor re-encode what the test encoded.
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(host.Host.BaseAddress + path, UriKind.Absolute));
        request.Headers.Add("x-functions-key", host.ApiKey);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        return (response.StatusCode, isProblem ? JsonDocument.Parse(text).RootElement.Clone() : null, text);
    }

    /// <summary>The fields a 400's problem details name under <c>errors</c>.</summary>
    public static IReadOnlyList<string> ErrorFields(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(e => e.Name)] : [];
}
