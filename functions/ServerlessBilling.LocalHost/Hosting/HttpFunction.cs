using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>An HTTP function as its <see cref="HttpTriggerAttribute"/> declares it.</summary>
/// <param name="Route">Under <c>/api/</c>, as in Azure.</param>
/// <param name="RequiresKey">Function or admin level: Azure asks for a function key, and so does the local host.</param>
public sealed record HttpFunction(string Name, MethodInfo Method, IReadOnlyList<string> Methods, string Route, bool RequiresKey);
