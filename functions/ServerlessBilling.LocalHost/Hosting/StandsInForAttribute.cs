namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Names the Functions app's blob, queue or timer function a local host watcher runs in its place.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class StandsInForAttribute(string functionName) : Attribute
{
    public string FunctionName { get; } = functionName;
}
