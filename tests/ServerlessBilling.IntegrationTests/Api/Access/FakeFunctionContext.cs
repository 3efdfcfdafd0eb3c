using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessBilling.IntegrationTests.Api.Access;

/// <summary>A function invocation as the Functions host's ASP.NET Core integration hands it to worker middleware: the function's name,
/// the route values in the binding data, and the request's <see cref="HttpContext"/> under the item the integration stores it in.</summary>
internal sealed class FakeFunctionContext : FunctionContext
{
    public FakeFunctionContext(string functionName, HttpContext http, IReadOnlyDictionary<string, object?> routeValues, IServiceProvider services)
    {
        FunctionDefinition = new Definition(functionName);
        BindingContext = new Bindings(routeValues);
        InstanceServices = services;
        Items = new Dictionary<object, object> { ["HttpRequestContext"] = http };
    }

    public override string InvocationId => "invocation-1";

    public override string FunctionId => FunctionDefinition.Id;

    public override TraceContext TraceContext => null!;

    public override BindingContext BindingContext { get; }

    public override RetryContext RetryContext => null!;

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition { get; }

    public override IDictionary<object, object> Items { get; set; }

    public override IInvocationFeatures Features => null!;

    private sealed class Definition(string name) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => "";

        public override string EntryPoint => name;

        public override string Id => name;

        public override string Name => name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    private sealed class Bindings(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData => data;
    }
}
