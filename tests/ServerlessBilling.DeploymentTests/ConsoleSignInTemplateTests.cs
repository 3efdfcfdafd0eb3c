using System.Text.Json;

namespace ServerlessBilling.DeploymentTests;

/// <summary>The reseller console's Entra ID sign-in as the template declares it: App Service authentication (authsettingsV2) with the
/// Entra ID provider, deployed only with an app registration, letting unauthenticated calls through (the API, webhooks and portal have
/// their own checks), and the console told to trust the platform's principal header exactly when that authentication is deployed.</summary>
public class ConsoleSignInTemplateTests
{
    private static readonly Lazy<JsonElement> MainTemplate = new(() => Bicep.Build("main.bicep"));

    [BicepFact]
    public void AuthSettings_EntraIdProvider_OnlyWithAnAppRegistration_AndAnonymousCallsStillPass()
    {
        var auth = Config("authsettingsV2");
        var properties = auth.GetProperty("properties");

        auth.GetProperty("condition").GetString().ShouldBe("[not(empty(parameters('consoleEntraClientId')))]");
        properties.GetProperty("platform").GetProperty("enabled").GetBoolean().ShouldBeTrue();
        properties.GetProperty("globalValidation").GetProperty("requireAuthentication").GetBoolean().ShouldBeFalse();
        properties.GetProperty("globalValidation").GetProperty("unauthenticatedClientAction").GetString().ShouldBe("AllowAnonymous");
        properties.GetProperty("httpSettings").GetProperty("requireHttps").GetBoolean().ShouldBeTrue();
        var entra = properties.GetProperty("identityProviders").GetProperty("azureActiveDirectory");
        entra.GetProperty("enabled").GetBoolean().ShouldBeTrue();
        entra.GetProperty("registration").GetProperty("clientId").GetString().ShouldBe("[parameters('consoleEntraClientId')]");
        entra.GetProperty("registration").GetProperty("openIdIssuer").GetString()!.ShouldContain("parameters('consoleEntraTenantId')");
        entra.GetProperty("registration").GetProperty("openIdIssuer").GetString()!.ShouldContain("environment().authentication.loginEndpoint");
    }

    [BicepFact]
    public void AppSettings_ConsoleTrustsThePrincipalHeader_ExactlyWhenTheProviderIsDeployed()
    {
        var settings = Config("appsettings").GetProperty("properties");

        settings.GetProperty("Console__EntraSignIn").GetString().ShouldBe("[if(empty(parameters('consoleEntraClientId')), 'false', 'true')]");
    }

    [BicepFact]
    public void MainTemplate_PassesTheAppRegistrationToTheFunctionApp()
    {
        var module = Bicep.ResourcesOfType(MainTemplate.Value, "Microsoft.Resources/deployments")
            .Single(d => d.GetProperty("name").GetString() == "function-app");
        var parameters = module.GetProperty("properties").GetProperty("parameters");

        parameters.GetProperty("consoleEntraClientId").GetProperty("value").GetString().ShouldBe("[parameters('consoleEntraClientId')]");
        parameters.GetProperty("consoleEntraTenantId").GetProperty("value").GetString().ShouldBe("[parameters('consoleEntraTenantId')]");
        MainTemplate.Value.GetProperty("parameters").GetProperty("consoleEntraClientId").GetProperty("defaultValue").GetString().ShouldBe("");
    }

    private static JsonElement Config(string name) =>
        Bicep.ResourcesOfType(MainTemplate.Value, "Microsoft.Web/sites/config")
            .Single(config => config.GetProperty("name").GetString()!.Contains(name, StringComparison.Ordinal));
}
