using System.Collections;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>The settings a verb's host starts with come from the places the Functions host reads them, the environment last.</summary>
public sealed class LocalSettingsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("local-settings-").FullName;

    public LocalSettingsTests()
    {
        Directory.CreateDirectory(Path.Combine(root, "functions", "ServerlessBilling.Functions"));
        File.WriteAllText(Path.Combine(root, "local.settings.sample.json"),
            """{ "IsEncrypted": false, "Values": { "Api__Key": "<the bootstrap admin key>", "Rating__BatchSize": "<1 to 32>", "BillingStorage": "UseDevelopmentStorage=true" } }""");
    }

    [Fact]
    public void Load_WithNoSettingsFile_TakesTheSettingsTheSampleNamesFromTheEnvironment_NotItsPlaceholders()
    {
        var settings = LocalSettings.Load(root, AzuriteOptions.OnPorts(10990), new Hashtable { ["Api__Key"] = "from-the-environment" });

        settings["Api:Key"].ShouldBe("from-the-environment");
        settings.ShouldNotContainKey("Rating:BatchSize");
        settings["BillingStorage"].ShouldBe(AzuriteOptions.OnPorts(10990).ConnectionString);
    }

    [Fact]
    public void Load_TheEnvironmentOverridesTheSettingsFile_AndUnknownVariablesAreNotSettings()
    {
        File.WriteAllText(Path.Combine(root, "functions", "ServerlessBilling.Functions", "local.settings.json"),
            """{ "Values": { "Api__Key": "from-the-file", "Rating__BatchSize": "8", "BillingStorage": "UseDevelopmentStorage=true" } }""");
        var environment = new Hashtable { ["Rating__BatchSize"] = "16", ["LocalHost__StopDrainSeconds"] = "60", ["HOME"] = "/root", ["Shell__Thing"] = "x" };

        var settings = LocalSettings.Load(root, AzuriteOptions.OnPorts(10990), environment);

        settings["Api:Key"].ShouldBe("from-the-file");
        settings["Rating:BatchSize"].ShouldBe("16");
        settings["LocalHost:StopDrainSeconds"].ShouldBe("60");
        settings["BillingStorage"].ShouldBe(AzuriteOptions.OnPorts(10990).ConnectionString);
        settings.ShouldNotContainKey("HOME");
        settings.ShouldNotContainKey("Shell:Thing");
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
