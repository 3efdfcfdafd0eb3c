using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServerlessBilling.DeploymentTests;

/// <summary>The code, local.settings.sample.json and the Bicep app settings name the same settings, so neither side can drift.</summary>
public class AppSettingsDriftTests
{
    private static readonly Lazy<JsonElement> MainTemplate = new(() => Bicep.Build("main.bicep"));

    /// <summary>Settings the sample has that Azure does not need as app settings, and why.</summary>
    private static readonly Dictionary<string, string> NotAppSettingsInAzure = new()
    {
        ["FUNCTIONS_WORKER_RUNTIME"] = "Flex Consumption takes the runtime from functionAppConfig, checked below",
        ["LocalHost__StopDrainSeconds"] = "read by the local host only; in Azure the platform bounds an instance's stop",
        ["LocalHost__MaxPollingIntervalSeconds"] = "read by the local host only; in Azure the queue triggers back off by host.json and Event Grid pushes the drops",
    };

    private static readonly string[] KeyVaultSettings =
        ["Api__Key", "Twilio__AuthToken", "Retell__ApiKey", "ElevenLabs__WebhookSecret", "Vapi__Secret", "UsageEvents__SigningSecret", "Stripe__SecretKey", "Stripe__WebhookSecret",
         "AuthorizeNet__ApiLoginId", "AuthorizeNet__TransactionKey", "AuthorizeNet__SignatureKey",
         "Tax__Avalara__Username", "Tax__Avalara__Password", "Tax__Avalara__ClientId", "Portal__SigningKey", "WebhooksOut__SecretKey"];

    [BicepFact]
    public void Template_SetsEverySettingOfTheSample()
    {
        var appSettings = TemplateAppSettings();

        // An identity-based connection is a group of settings under the name: AzureWebJobsStorage__accountName, ...
        var missing = SampleSettings()
            .Where(name => !NotAppSettingsInAzure.ContainsKey(name))
            .Where(name => !appSettings.Any(setting => setting == name || setting.StartsWith(name + "__", StringComparison.Ordinal)));

        missing.ShouldBeEmpty();
    }

    [Fact]
    public void Sample_ListsEverySettingTheCodeReads()
    {
        var read = SettingKeys.All().Select(key => key.Replace(":", "__", StringComparison.Ordinal)).ToList();

        read.Count.ShouldBeGreaterThan(40);
        read.Except(SampleSettings()).ShouldBeEmpty();
    }

    [Fact]
    public void Sample_AndHostJson_NameTheDurableTaskHubSetting() =>
        Repository.ReadText("functions", "ServerlessBilling.Functions", "host.json").ShouldContain("%DurableTaskHubName%");

    [BicepFact]
    public void Template_StorageConnections_AreIdentityBased()
    {
        var appSettings = TemplateAppSettings();

        appSettings.ShouldNotContain("AzureWebJobsStorage");
        appSettings.ShouldNotContain(Storage.StorageNames.Connection);
        appSettings.ShouldContain("AzureWebJobsStorage__credential");
        appSettings.ShouldContain("BillingStorage__blobServiceUri");
        appSettings.ShouldContain("BillingStorage__queueServiceUri");
        appSettings.ShouldContain("BillingStorage__tableServiceUri");
        appSettings.ShouldContain("BillingStorage__clientId");
    }

    [Fact]
    public void Template_Secrets_AreKeyVaultReferences()
    {
        var functionApp = Repository.ReadText("infra", "modules", "function-app.bicep");

        foreach (var setting in KeyVaultSettings)
        {
            functionApp.ShouldContain($"{setting}: keyVaultReference(keyVaultUri, '", customMessage: setting);
        }

        functionApp.ShouldContain("'@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName}/)'");
    }

    [BicepFact]
    public void Template_Runtime_IsTheTargetFrameworkOnDotnetIsolated()
    {
        var runtime = Bicep.ResourcesOfType(MainTemplate.Value, "Microsoft.Web/sites")
            .Single(site => !site.TryGetProperty("existing", out _))
            .GetProperty("properties").GetProperty("functionAppConfig").GetProperty("runtime");
        var targetFramework = Regex.Match(Repository.ReadText("Directory.Build.props"), @"<TargetFramework>net(?<version>[\d.]+)</TargetFramework>").Groups["version"].Value;

        runtime.GetProperty("name").GetString().ShouldBe("dotnet-isolated");
        runtime.GetProperty("version").GetString().ShouldBe(targetFramework);
    }

    private static List<string> TemplateAppSettings() =>
        Bicep.ResourcesOfType(MainTemplate.Value, "Microsoft.Web/sites/config")
            .Single(config => config.GetProperty("name").GetString()!.Contains("appsettings", StringComparison.Ordinal))
            .GetProperty("properties").EnumerateObject().Select(setting => setting.Name).ToList();

    private static List<string> SampleSettings()
    {
        using var sample = JsonDocument.Parse(Repository.ReadText("local.settings.sample.json"));
        return sample.RootElement.GetProperty("Values").EnumerateObject().Select(setting => setting.Name).ToList();
    }
}
