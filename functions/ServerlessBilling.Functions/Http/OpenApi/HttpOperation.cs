using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessBilling.Functions.Http.OpenApi;

/// <summary>An HTTP function as its trigger declares it, with the description next to it.</summary>
/// <param name="Route">Under <c>/api/</c>, as in Azure.</param>
/// <param name="Description">Null only for a function that forgot to describe itself; the drift test names it.</param>
public sealed record HttpOperation(
    string Name, MethodInfo Method, IReadOnlyList<string> Methods, string Route, AuthorizationLevel AuthLevel, ApiOperationAttribute? Description)
{
    /// <summary>Every HTTP function of this assembly, read from its <see cref="FunctionAttribute"/> and <see cref="HttpTriggerAttribute"/>.</summary>
    public static IReadOnlyList<HttpOperation> All { get; } =
        [.. typeof(HttpOperation).Assembly.GetExportedTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(method => (Name: method.GetCustomAttribute<FunctionAttribute>()?.Name, Method: method,
                Trigger: method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(t => t is not null)))
            .Where(f => f.Name is not null && f.Trigger is not null)
            .Select(f => new HttpOperation(
                f.Name!,
                f.Method,
                [.. (f.Trigger!.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant())],
                f.Trigger.Route ?? f.Name!,
                f.Trigger.AuthLevel,
                f.Method.GetCustomAttribute<ApiOperationAttribute>()))];

    /// <summary>What the route needs from the caller's key: declared on its <see cref="ApiOperationAttribute"/>, else decided from its
    /// method and template (<see cref="RouteAccessRules"/>).</summary>
    public RouteAccess Access => RouteAccessRules.Of(Methods, Route, Description?.Access ?? RouteAccess.Inferred);

    /// <summary>Every route but the public ones takes a key; the app checks it (<see cref="ApiKeyGate"/>), not the platform, which
    /// serves every route anonymously because its keys have no scopes.</summary>
    public bool RequiresKey => Access != RouteAccess.Public;
}
