using System.Reflection;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Functions.Http;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Serves every HTTP function of <see cref="FunctionCatalog"/> under <c>/api/</c>, calling the function method itself
/// with its parameters bound as the Functions host binds them. A test compares the routes with the build's functions.metadata.</summary>
public static class FunctionRoutes
{
    public static void MapFunctionRoutes(this WebApplication app)
    {
        foreach (var function in FunctionCatalog.Http)
        {
            app.MapMethods($"/api/{function.Route}", function.Methods, Handler(function)).WithName(function.Name);
        }
    }

    /// <summary>How one parameter of an HTTP function is bound; throws for a parameter the local host cannot bind, so the host does not start.</summary>
    public static Func<HttpContext, object?> Binder(HttpFunction function, ParameterInfo parameter) => parameter switch
    {
        _ when parameter.ParameterType == typeof(HttpRequest) => context => context.Request,
        _ when parameter.ParameterType == typeof(CancellationToken) => context => context.RequestAborted,
        _ when parameter.ParameterType == typeof(DurableTaskClient) => context => context.RequestServices.GetRequiredService<DurableTaskClient>(),
        _ when parameter.ParameterType == typeof(string) && RouteParameters(function.Route).Contains(parameter.Name!) =>
            context => context.GetRouteValue(parameter.Name!)?.ToString(),
        _ => throw new InvalidOperationException(
            $"The local host cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}) of function {function.Name}: " +
            "bind it in FunctionRoutes.Binder, or use a route parameter, HttpRequest, DurableTaskClient or CancellationToken."),
    };

    private static RequestDelegate Handler(HttpFunction function)
    {
        if (function.Method.ReturnType != typeof(Task<IResult>))
        {
            throw new InvalidOperationException($"Function {function.Name} returns {function.Method.ReturnType.Name}; the local host serves Task<IResult>.");
        }

        var binders = function.Method.GetParameters().Select(parameter => Binder(function, parameter)).ToArray();
        return async context =>
        {
            // The same check the Functions host's ApiKeyMiddleware runs, with the route values Kestrel matched.
            var gate = context.RequestServices.GetRequiredService<ApiKeyGate>();
            if (await gate.CheckAsync(context, function.Operation, name => context.GetRouteValue(name)?.ToString(), context.RequestAborted) is { } refused)
            {
                await refused.ExecuteAsync(context);
                return;
            }

            var target = function.Method.IsStatic ? null : context.RequestServices.GetRequiredService(function.Method.DeclaringType!);
            var arguments = binders.Select(bind => bind(context)).ToArray();
            var result = await (Task<IResult>)function.Method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;
            await result.ExecuteAsync(context);
        };
    }

    private static HashSet<string> RouteParameters(string route) =>
        [.. Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(route).Parameters.Select(p => p.Name)];
}
