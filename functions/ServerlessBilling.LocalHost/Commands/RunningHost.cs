using System.Text.Json;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>Reaches a running <c>serve</c> (or a Functions app) for the operations verbs: <c>--url</c> (default http://127.0.0.1:7071/) and <c>--key</c>.</summary>
/// <remarks>The key defaults to <c>Api__Key</c> from the environment, then from local.settings.json, the same places <c>serve</c> reads it from.</remarks>
public static class RunningHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071/";

    public static BillingApiClient Connect(CommandOptions options, HttpClient http)
    {
        var url = options.Get("--url") ?? DefaultUrl;
        http.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/");
        return new BillingApiClient(http, Key(options.Get("--key")));
    }

    /// <summary><paramref name="given"/>, else <c>Api__Key</c> from the environment, else from local.settings.json.</summary>
    public static string Key(string? given) =>
        given ?? Environment.GetEnvironmentVariable("Api__Key") ?? KeyFromLocalSettings()
            ?? throw new ArgumentException("--key is required: the management API key serve printed (or set Api__Key).");

    private static string? KeyFromLocalSettings()
    {
        var file = Path.Combine(RepositoryRoot.Find(), "functions", "ServerlessBilling.Functions", "local.settings.json");
        if (!File.Exists(file))
        {
            return null;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(file));
        return json.RootElement.TryGetProperty("Values", out var values) && values.TryGetProperty("Api__Key", out var key) ? key.GetString() : null;
    }
}
