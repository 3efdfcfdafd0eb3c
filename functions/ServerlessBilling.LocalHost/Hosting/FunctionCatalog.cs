using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Cycles;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>The Functions app's functions, read from the attributes on its methods: the one table the local host's routes,
/// function classes and durable tasks are derived from, so a new function class is served without being listed here.</summary>
/// <remarks>Blob, queue and timer functions are run by the local host's watchers instead (see <see cref="StandsInForAttribute"/>).</remarks>
public static class FunctionCatalog
{
    public static Assembly FunctionsAssembly { get; } = typeof(CycleApi).Assembly;

    /// <summary>Every method with a <see cref="FunctionAttribute"/>.</summary>
    public static IReadOnlyList<(string Name, MethodInfo Method)> Functions { get; } =
        [.. FunctionsAssembly.GetExportedTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(method => (method.GetCustomAttribute<FunctionAttribute>()?.Name, Method: method))
            .Where(function => function.Name is not null)
            .Select(function => (function.Name!, function.Method))];

    /// <summary>The HTTP functions, as the OpenAPI document reads them (<see cref="HttpOperation.All"/>): one list for routes and description.</summary>
    public static IReadOnlyList<HttpFunction> Http { get; } =
        [.. HttpOperation.All.Select(o => new HttpFunction(o.Name, o.Method, o.Methods, o.Route, o))];

    public static IReadOnlyList<DurableFunction> Orchestrators { get; } =
        [.. Functions.Where(f => Trigger<OrchestrationTriggerAttribute>(f.Method) is not null)
            .Select(f => new DurableFunction(f.Name, f.Method, f.Method.GetParameters().Skip(1).FirstOrDefault()))];

    public static IReadOnlyList<DurableFunction> Activities { get; } =
        [.. Functions.Where(f => Trigger<ActivityTriggerAttribute>(f.Method) is not null)
            .Select(f => new DurableFunction(f.Name, f.Method, f.Method.GetParameters().First(p => p.IsDefined(typeof(ActivityTriggerAttribute)))))];

    /// <summary>The classes whose instance methods are functions; the local host resolves them from DI as the Functions host does.</summary>
    public static IReadOnlyList<Type> FunctionClasses { get; } =
        [.. Functions.Where(f => !f.Method.IsStatic).Select(f => f.Method.DeclaringType!).Distinct()];

    public static IServiceCollection AddFunctionClasses(this IServiceCollection services)
    {
        foreach (var type in FunctionClasses)
        {
            services.AddTransient(type);
        }

        return services;
    }

    private static TAttribute? Trigger<TAttribute>(MethodInfo method)
        where TAttribute : Attribute =>
        method.GetParameters().Select(p => p.GetCustomAttribute<TAttribute>()).FirstOrDefault(a => a is not null);
}
