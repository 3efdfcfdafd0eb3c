using System.Reflection;
using System.Text.Json;
using Microsoft.DurableTask;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests;

/// <summary>The local host serves every function the build's functions.metadata declares, from the one table its attributes make.</summary>
public class LocalHostFunctionTableTests
{
    private static readonly Lazy<JsonElement[]> Metadata = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata"))).RootElement.EnumerateArray().ToArray());

    [Fact]
    public void Catalog_ServesEveryFunctionOfTheMetadata_AndNothingElse()
    {
        var standIns = typeof(FunctionCatalog).Assembly.GetTypes()
            .SelectMany(type => type.GetCustomAttributes<StandsInForAttribute>())
            .Select(attribute => attribute.FunctionName);
        var served = FunctionCatalog.Http.Select(f => f.Name)
            .Concat(FunctionCatalog.Orchestrators.Select(f => f.Name))
            .Concat(FunctionCatalog.Activities.Select(f => f.Name))
            .Concat(standIns)
            .ToList();

        served.ShouldBeUnique();
        served.Order().ShouldBe(Metadata.Value.Select(f => f.GetProperty("name").GetString()!).Order());
    }

    [Fact]
    public void Catalog_HttpFunctions_HaveTheMetadatasRouteAndMethods_AndTheAppDecidesTheirKeys()
    {
        foreach (var function in FunctionCatalog.Http)
        {
            var trigger = Metadata.Value.Single(f => f.GetProperty("name").GetString() == function.Name)
                .GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");

            function.Route.ShouldBe(trigger.GetProperty("route").GetString(), function.Name);
            function.Methods.ShouldBe(trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()), function.Name);
            // The platform serves every route anonymously; the app's own check decides which take a key.
            trigger.GetProperty("authLevel").GetString().ShouldBe("Anonymous", function.Name);
            function.RequiresKey.ShouldBe(function.Access != ServerlessBilling.Functions.Http.RouteAccess.Public, function.Name);
        }
    }

    [Fact]
    public void Catalog_EveryHttpParameter_IsBound()
    {
        foreach (var function in FunctionCatalog.Http)
        {
            foreach (var parameter in function.Method.GetParameters())
            {
                Should.NotThrow(() => FunctionRoutes.Binder(function, parameter), $"{function.Name}: {parameter.Name}");
            }
        }
    }

    [Fact]
    public void Catalog_EveryOrchestratorAndActivity_Registers() =>
        Should.NotThrow(() => new DurableTaskRegistry().AddFunctionTasks());
}
