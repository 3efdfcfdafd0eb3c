using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Api.Access;

/// <summary>Requests to the local host with the key a test chooses (or none), and the setup the key tests share: a parent account with
/// one location, an unrelated account, and keys issued through the API with the bootstrap key.</summary>
public sealed class KeyedRequests(LocalHostFixture host)
{
    private static readonly PricePlan Plan = new("key-scope-plan", "Key scopes", "USD",
        [new PlanVersion(new LocalDate(2025, 1, 1), 10m, 0m, [], new PerCallRounding())]);

    /// <summary>The bootstrap key, as the function key is sent in Azure.</summary>
    public Dictionary<string, string> Bootstrap => new() { ["x-functions-key"] = host.ApiKey };

    public static Dictionary<string, string> Bearer(string secret) => new() { ["Authorization"] = $"Bearer {secret}" };

    /// <summary>A parent account, a location of it, and an account of someone else, each new.</summary>
    public async Task<(string Parent, string Location, string Other)> AccountsAsync()
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        var parent = CloseDriver.UniqueId("keys-parent");
        var location = CloseDriver.UniqueId("keys-location");
        var other = CloseDriver.UniqueId("keys-other");
        await host.Api.PutAccountAsync(new Account(parent, "Parent", Plan.Id, new BillingProfile("UTC", 1, "USD")), CancellationToken.None);
        await host.Api.PutAccountAsync(new Account(location, "Location", Plan.Id, new BillingProfile("UTC", 1, "USD")) { ParentAccountId = parent }, CancellationToken.None);
        await host.Api.PutAccountAsync(new Account(other, "Other", Plan.Id, new BillingProfile("UTC", 1, "USD")), CancellationToken.None);
        return (parent, location, other);
    }

    /// <summary>Issues a key with the bootstrap key; the answer's JSON (key and secret).</summary>
    public async Task<JsonElement> IssueAsync(string name, string scope, string? accountId = null)
    {
        var body = JsonSerializer.Serialize(new { name, scope, accountId }, BillingJson.Options);
        var (status, json) = await SendAsync("POST", "api/api-keys", Bootstrap, body);
        status.ShouldBe(HttpStatusCode.Created, json);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    public static string SecretOf(JsonElement issued) => issued.GetProperty("secret").GetString()!;

    public static string IdOf(JsonElement issued) => issued.GetProperty("key").GetProperty("id").GetString()!;

    public async Task<(HttpStatusCode Status, string Body)> SendAsync(string method, string path, IReadOnlyDictionary<string, string> headers, string? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(host.Host.BaseAddress + path, UriKind.Absolute));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await host.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The problem's <c>type</c>, or null when the body is not problem details.</summary>
    public static string? ProblemType(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("type", out var type) ? type.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
