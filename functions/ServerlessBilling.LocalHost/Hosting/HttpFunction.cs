using System.Reflection;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>An HTTP function as its <see cref="Microsoft.Azure.Functions.Worker.HttpTriggerAttribute"/> declares it.</summary>
/// <param name="Route">Under <c>/api/</c>, as in Azure.</param>
/// <param name="Operation">The function as the OpenAPI document and the key check read it.</param>
public sealed record HttpFunction(string Name, MethodInfo Method, IReadOnlyList<string> Methods, string Route, HttpOperation Operation)
{
    /// <summary>What the route needs from the caller's key (<see cref="RouteAccessRules"/>).</summary>
    public RouteAccess Access => Operation.Access;

    /// <summary>Every route but the public ones takes a key, checked by <see cref="ApiKeyGate"/>.</summary>
    public bool RequiresKey => Operation.RequiresKey;
}
