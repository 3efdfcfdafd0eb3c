using System.Text.Json;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>The <c>--json</c> of every verb that prints a result: standard output is then one JSON document, in the API's own names
/// (<see cref="BillingJson.Options"/>), so <c>... --json | jq</c> works; progress and warnings stay on standard error.</summary>
public static class JsonOutput
{
    public const string Flag = "--json";

    /// <summary>Whether the verb's words ask for machine output.</summary>
    public static bool Requested(IEnumerable<string> args) => args.Contains(Flag, StringComparer.Ordinal);

    public static void Write<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, BillingJson.Options));
}
