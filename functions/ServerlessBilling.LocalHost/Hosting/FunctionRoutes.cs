using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Functions.Http;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Serves every HTTP function of <see cref="FunctionCatalog"/> under <c>/api/</c>, calling the function method itself
/// with its parameters bound as the Functions host binds them. A test compares the routes with the build's functions.metadata.</summary>
public static class FunctionRoutes
{
    public static void MapFunctionRoutes(this WebApplication app, string apiKey)
    {
        foreach (var function in FunctionCatalog.Http)
        {
            app.MapMethods($"/api/{function.Route}", function.Methods, Handler(function, apiKey)).WithName(function.Name);
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

    private static RequestDelegate Handler(HttpFunction function, string apiKey)
    {
        if (function.Method.ReturnType != typeof(Task<IResult>))
        {
            throw new InvalidOperationException($"Function {function.Name} returns {function.Method.ReturnType.Name}; the local host serves Task<IResult>.");
        }

        var binders = function.Method.GetParameters().Select(parameter => Binder(function, parameter)).ToArray();
        return async context =>
        {
            if (function.RequiresKey && !HasFunctionKey(context.Request, apiKey))
            {
                await ProblemResults.Of(ProblemResults.UnauthorizedType, "A valid x-functions-key is required").ExecuteAsync(context);
                return;
            }

            var target = function.Method.IsStatic ? null : context.RequestServices.GetRequiredService(function.Method.DeclaringType!);
            var arguments = binders.Select(bind => bind(context)).ToArray();
            var result = await (Task<IResult>)function.Method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;
            await result.ExecuteAsync(context);
        };
    }

    /// <summary>Function-level authorization in Azure: the same x-functions-key header (or ?code=) here.</summary>
    private static bool HasFunctionKey(HttpRequest request, string apiKey)
    {
        var presented = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        return presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(apiKey));
    }

    private static HashSet<string> RouteParameters(string route) =>
        [.. Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(route).Parameters.Select(p => p.Name)];
}
