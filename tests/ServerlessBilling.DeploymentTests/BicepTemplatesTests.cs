namespace ServerlessBilling.DeploymentTests;

/// <summary>Every template and parameters file in infra/ builds and lints with no diagnostic at all: infra/bicepconfig.json makes the
/// linter rules errors, and a warning the config does not list fails here too.</summary>
public class BicepTemplatesTests
{
    [BicepFact]
    public void Lint_EveryTemplateAndParametersFile_IsClean()
    {
        var (exitCode, _, diagnostics) = Bicep.Run("lint", "--pattern", "./**/*.bicep*", "--no-restore");

        diagnostics.ShouldBeEmpty();
        exitCode.ShouldBe(0);
    }

    [BicepFact]
    public void Build_MainTemplate_CompilesEveryModule() =>
        Bicep.ResourcesOfType(Bicep.Build("main.bicep"), "Microsoft.Resources/deployments").Count().ShouldBe(7);

    [BicepFact]
    public void BuildParams_SampleParametersFile_MatchesTheTemplate()
    {
        var (exitCode, output, diagnostics) = Bicep.Run("build-params", "main.bicepparam", "--stdout");

        diagnostics.ShouldBeEmpty();
        exitCode.ShouldBe(0);
        output.ShouldContain("namePrefix");
    }

    [Fact]
    public void LinterConfig_EveryListedRule_IsAnError()
    {
        using var config = System.Text.Json.JsonDocument.Parse(Repository.ReadText("infra", "bicepconfig.json"));
        var rules = config.RootElement.GetProperty("analyzers").GetProperty("core").GetProperty("rules").EnumerateObject().ToList();

        rules.ShouldNotBeEmpty();
        rules.ShouldAllBe(rule => rule.Value.GetProperty("level").GetString() == "error");
    }
}
