using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace ServerlessBilling.Functions.Http;

/// <summary>Applies <see cref="ApiVersions"/> to every HTTP function in the Functions host; the local host applies the same rule in its pipeline.</summary>
public sealed class ApiVersionMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http && ApiVersions.Negotiate(http) is { } refused)
        {
            // The ASP.NET Core integration executes an IResult left as the invocation result, as it does a function's own.
            context.GetInvocationResult().Value = refused;
            return;
        }

        await next(context);
    }
}
