using ServerlessBilling.Upstream;

namespace ServerlessBilling.DeploymentTests.Settings;

/// <summary>Section <c>Reconciliation</c>: the tolerance, drift threshold and page size mapped to the policy statements are judged by.</summary>
public class ReconciliationSettingsTests
{
    [Fact]
    public void Start_NoSettings_TakesTheDefaults()
    {
        using var host = new SettingsHost(new Dictionary<string, string?>());

        host.Start();

        host.Get<ReconciliationPolicy>().ShouldBe(new ReconciliationPolicy(0.0001m, 5m, 2000));
    }

    [Fact]
    public void Start_Values_AreThePolicy()
    {
        using var host = new SettingsHost(new Dictionary<string, string?>
        {
            ["Reconciliation:CostTolerance"] = "0.005",
            ["Reconciliation:DriftThresholdPoints"] = "2.5",
            ["Reconciliation:PageSize"] = "500",
            ["Reconciliation:CostPlanCacheSeconds"] = "0",
        });

        host.Start();

        host.Get<ReconciliationPolicy>().ShouldBe(new ReconciliationPolicy(0.005m, 2.5m, 500));
    }

    [Theory]
    [InlineData("Reconciliation:CostTolerance", "-0.01")]
    [InlineData("Reconciliation:DriftThresholdPoints", "0")]
    [InlineData("Reconciliation:PageSize", "0")]
    [InlineData("Reconciliation:PageSize", "20000")]
    [InlineData("Reconciliation:CostPlanCacheSeconds", "-1")]
    public void Start_InvalidValue_FailsNamingTheSetting(string key, string value)
    {
        using var host = new SettingsHost(new Dictionary<string, string?> { [key] = value });

        host.StartFailure().ShouldContain(key);
    }
}
