using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServerlessBilling.DeploymentTests.Kusto;

/// <summary>The Kusto the deployment and the runbook run: the alert rules' queries as <c>observability.bicep</c> writes them
/// (its variables filled in, each parameter standing as a number, as the thresholds are), the workbook's, and the runbook's.</summary>
internal static partial class MonitorQueries
{
    public static IReadOnlyList<string> AlertRules()
    {
        var bicep = Repository.ReadText("infra", "modules", "observability.bicep");
        var variables = Variable().Matches(bicep).ToDictionary(m => m.Groups["name"].Value, m => Unescape(m.Groups["text"].Value), StringComparer.Ordinal);
        var parameters = Parameter().Matches(bicep).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        return Query().Matches(bicep).Select(m => Interpolate(Unescape(m.Groups["text"].Value))).ToList();

        string Interpolate(string text) => Interpolation().Replace(text, m =>
            variables.TryGetValue(m.Groups["name"].Value, out var value) ? Interpolate(value)
            : parameters.Contains(m.Groups["name"].Value) ? "1"
            : throw new InvalidOperationException($"observability.bicep interpolates '{m.Value}', neither a variable nor a parameter."));
    }

    public static IReadOnlyList<string> Workbook()
    {
        using var workbook = JsonDocument.Parse(Repository.ReadText("infra", "modules", "billing-workbook.json"));
        return workbook.RootElement.GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("content"))
            .Where(content => content.TryGetProperty("query", out _))
            .Select(content => content.GetProperty("query").GetString()!)
            .ToList();
    }

    /// <summary>Each query of the <c>kusto</c> blocks of a docs page: a line starting a query, with the lines starting with
    /// <c>|</c> that continue it; comment lines dropped.</summary>
    public static IReadOnlyList<string> Documented(string page)
    {
        var queries = new List<string>();
        foreach (Match block in KustoBlock().Matches(Repository.ReadText("docs", page)))
        {
            foreach (var line in block.Groups["body"].Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)))
            {
                if (line.StartsWith('|') && queries.Count > 0)
                {
                    queries[^1] += " " + line;
                }
                else
                {
                    queries.Add(line);
                }
            }
        }

        return queries;
    }

    private static string Unescape(string bicepText) => bicepText.Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    [GeneratedRegex(@"^var (?<name>\w+) = '(?<text>(?:\\.|[^'\\])*)'", RegexOptions.Multiline)]
    private static partial Regex Variable();

    [GeneratedRegex(@"^param (?<name>\w+) ", RegexOptions.Multiline)]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\bquery: '(?<text>(?:\\.|[^'\\])*)'")]
    private static partial Regex Query();

    [GeneratedRegex(@"\$\{(?<name>\w+)\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"```kusto\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex KustoBlock();
}
