using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>An orchestrator or activity as its <see cref="OrchestrationTriggerAttribute"/> or <see cref="ActivityTriggerAttribute"/> declares it.</summary>
/// <param name="Input">The input parameter: the one after the orchestration context, or the activity trigger itself.</param>
public sealed record DurableFunction(string Name, MethodInfo Method, ParameterInfo? Input)
{
    /// <summary>What the task returns: <c>T</c> of <c>Task&lt;T&gt;</c>, or nothing.</summary>
    public Type OutputType => Method.ReturnType.IsGenericType ? Method.ReturnType.GetGenericArguments()[0] : typeof(object);
}
