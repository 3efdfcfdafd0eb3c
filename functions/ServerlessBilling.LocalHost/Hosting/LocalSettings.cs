using System.Collections;
using System.Text.Json;
using ServerlessBilling.LocalHost.Azurite;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>The app settings a verb's host starts with, read from the places the Functions host reads them: Azurite's connection
/// by default, then the Values of local.settings.json, then the environment (<c>A__B</c> means <c>A:B</c> everywhere).</summary>
public static class LocalSettings
{
    /// <summary>Reads the settings under the repository <paramref name="root"/>.</summary>
    /// <param name="environment">The process's variables; a variable counts when it names a setting the sample, the settings file or
    /// the local host's own section knows, so unrelated variables of the shell never become settings.</param>
    public static Dictionary<string, string?> Load(string root, AzuriteOptions azurite, IDictionary environment)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["BillingStorage"] = azurite.ConnectionString,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
        };
        foreach (var (name, value) in Values(Path.Combine(root, "functions", "ServerlessBilling.Functions", "local.settings.json")))
        {
            settings[name] = value;
        }

        // The sample names every setting the app reads; its values are placeholders, so only the names are taken.
        var known = new HashSet<string>(settings.Keys, StringComparer.OrdinalIgnoreCase);
        known.UnionWith(Values(Path.Combine(root, "local.settings.sample.json")).Select(setting => setting.Name));
        foreach (DictionaryEntry variable in environment)
        {
            if (variable is { Key: string name, Value: string value } && name.Replace("__", ":", StringComparison.Ordinal) is var key
                && (known.Contains(key) || key.StartsWith(LocalHostSettings.Section + ":", StringComparison.OrdinalIgnoreCase)))
            {
                settings[key] = value;
            }
        }

        // The sample's "UseDevelopmentStorage=true" means Azurite on its default ports, which is what runs here.
        foreach (var key in new[] { "BillingStorage", "AzureWebJobsStorage" })
        {
            if (string.Equals(settings[key], "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
            {
                settings[key] = azurite.ConnectionString;
            }
        }

        return settings;
    }

    /// <summary>The Values of a settings file, named with <c>:</c>; none when the file is not there.</summary>
    private static List<(string Name, string? Value)> Values(string file)
    {
        if (!File.Exists(file))
        {
            return [];
        }

        using var json = JsonDocument.Parse(File.ReadAllText(file));
        return json.RootElement.TryGetProperty("Values", out var values)
            ? [.. values.EnumerateObject().Select(value => (value.Name.Replace("__", ":", StringComparison.Ordinal),
                value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText()))]
            : [];
    }
}
