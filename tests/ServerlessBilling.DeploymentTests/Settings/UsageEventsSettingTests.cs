using ServerlessBilling.Usage.UsageEvents;

namespace ServerlessBilling.DeploymentTests.Settings;

/// <summary><c>UsageEvents:SigningSecret</c> was <c>Events:SigningSecret</c>; the former name is still read for one release, with a warning.</summary>
public class UsageEventsSettingTests
{
    [Fact]
    public void Start_UsageEventsSigningSecret_IsTheSecret()
    {
        using var host = new SettingsHost(new Dictionary<string, string?> { ["UsageEvents:SigningSecret"] = "new" });

        host.Start();

        host.Get<UsageEventsOptions>().SigningSecret.ShouldBe("new");
        host.Logs.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Start_OnlyTheFormerEventsSigningSecret_IsReadWithAWarning()
    {
        using var host = new SettingsHost(new Dictionary<string, string?> { ["Events:SigningSecret"] = "old" });

        host.Start();

        host.Get<UsageEventsOptions>().SigningSecret.ShouldBe("old");
        host.Logs.Warnings.ShouldHaveSingleItem().ShouldContain("Events:SigningSecret");
        host.Logs.Warnings.Single().ShouldContain("UsageEvents:SigningSecret");
    }

    [Fact]
    public void Start_BothNames_TheNewOneWins()
    {
        using var host = new SettingsHost(new Dictionary<string, string?>
        {
            ["UsageEvents:SigningSecret"] = "new",
            ["Events:SigningSecret"] = "old",
        });

        host.Start();

        host.Get<UsageEventsOptions>().SigningSecret.ShouldBe("new");
        host.Logs.Warnings.ShouldBeEmpty();
    }
}
