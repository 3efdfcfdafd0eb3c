using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Http;

/// <summary>Runs <see cref="ApiKeyGate"/> before every HTTP function in the Functions host; the local host runs the same gate in its pipeline.</summary>
/// <remarks>Route values come from the invocation's binding data, which holds the route parameters the host matched. A refusal is
/// written to the response here and the function is not called.</remarks>
public sealed class ApiKeyMiddleware : IFunctionsWorkerMiddleware
{
    private static readonly Dictionary<string, HttpOperation> Operations = HttpOperation.All.ToDictionary(o => o.Name, StringComparer.Ordinal);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http && Operations.TryGetValue(context.FunctionDefinition.Name, out var operation))
        {
            var gate = context.InstanceServices.GetRequiredService<ApiKeyGate>();
            var data = context.BindingContext.BindingData;
            var refused = await gate.CheckAsync(http, operation, name => data.TryGetValue(name, out var value) ? value?.ToString() : null, context.CancellationToken);
            if (refused is not null)
            {
                await refused.ExecuteAsync(http);
                return;
            }
        }

        await next(context);
    }
}
