using System.Text.Json;

namespace ServerlessBilling.DeploymentTests.Kusto;

/// <summary>The tables and columns Azure Monitor documents for Application Insights, kept as data with the page they were copied
/// from (<c>application-insights-tables.json</c> beside this file).</summary>
internal sealed class KustoSchema(string source, IReadOnlyDictionary<string, IReadOnlySet<string>> tables)
{
    /// <summary>The documentation page the tables were copied from.</summary>
    public string Source { get; } = source;

    public IEnumerable<string> Tables => tables.Keys;

    public static KustoSchema ApplicationInsights { get; } = Load("application-insights-tables.json");

    /// <summary>The table's columns; null for a table the schema does not have. Names are case-sensitive, as in Kusto.</summary>
    public IReadOnlySet<string>? ColumnsOf(string table) => tables.GetValueOrDefault(table);

    private static KustoSchema Load(string file)
    {
        using var json = JsonDocument.Parse(Repository.ReadText("tests", "ServerlessBilling.DeploymentTests", "Kusto", file));
        var root = json.RootElement;
        var tables = root.GetProperty("tables").EnumerateObject().ToDictionary(
            table => table.Name,
            table => (IReadOnlySet<string>)table.Value.EnumerateArray().Select(c => c.GetString()!).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        return new KustoSchema(root.GetProperty("source").GetString()!, tables);
    }
}
