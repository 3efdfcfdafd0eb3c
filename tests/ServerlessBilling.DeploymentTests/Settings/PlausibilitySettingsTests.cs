using ServerlessBilling.Rating;

namespace ServerlessBilling.DeploymentTests.Settings;

/// <summary>Section <c>Plausibility</c>: the defaults, values and per-source overrides mapped to the policy rating checks calls against.</summary>
public class PlausibilitySettingsTests
{
    private static readonly ServerlessBilling.Accounts.Account Account = new("acme", "Acme", "standard", new ServerlessBilling.Accounts.BillingProfile("UTC", 1, "USD"));

    [Fact]
    public void Start_NoSettings_TakesTheDefaults()
    {
        using var host = new SettingsHost(new Dictionary<string, string?>());

        host.Start();

        host.Get<PlausibilityPolicy>().For("twilio", Account).ShouldBe(new PlausibilityLimits(240, 5, 90, 100m));
    }

    [Fact]
    public void Start_ValuesAndSourceOverrides_AreLayeredUnderTheAccounts()
    {
        using var host = new SettingsHost(new Dictionary<string, string?>
        {
            ["Plausibility:MaxCallMinutes"] = "180",
            ["Plausibility:ClockSkewMinutes"] = "2",
            ["Plausibility:BackdatingDays"] = "35",
            ["Plausibility:MaxChargePerCall"] = "25.50",
            ["Plausibility:SourceOverrides"] = "vapi:maxCallMinutes=720; retell:maxCallMinutes=120,maxChargePerCall=40",
        });

        host.Start();

        var policy = host.Get<PlausibilityPolicy>();
        policy.For("twilio", Account).ShouldBe(new PlausibilityLimits(180, 2, 35, 25.50m));
        policy.For("vapi", Account).ShouldBe(new PlausibilityLimits(720, 2, 35, 25.50m));
        policy.For("retell", Account).ShouldBe(new PlausibilityLimits(120, 2, 35, 40m));
        policy.For("vapi", Account with { Plausibility = new LimitOverrides(MaxCallMinutes: 30) }).MaxCallMinutes.ShouldBe(30);
    }

    [Theory]
    [InlineData("Plausibility:MaxCallMinutes", "0")]
    [InlineData("Plausibility:ClockSkewMinutes", "-1")]
    [InlineData("Plausibility:BackdatingDays", "0")]
    [InlineData("Plausibility:MaxChargePerCall", "0")]
    [InlineData("Plausibility:SourceOverrides", "vapi=720")]
    [InlineData("Plausibility:SourceOverrides", "vapi:maxCallMinutes=lots")]
    [InlineData("Plausibility:SourceOverrides", "vapi:maxCallHours=2")]
    [InlineData("Plausibility:SourceOverrides", "vapi:maxCallMinutes=1.5")]
    public void Start_InvalidValue_FailsNamingTheSetting(string key, string value)
    {
        using var host = new SettingsHost(new Dictionary<string, string?> { [key] = value });

        host.StartFailure().ShouldContain(key);
    }
}
