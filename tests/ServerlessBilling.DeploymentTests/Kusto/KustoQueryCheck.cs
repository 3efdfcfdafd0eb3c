using System.Text.RegularExpressions;

namespace ServerlessBilling.DeploymentTests.Kusto;

/// <summary>A static check of the Kusto the alert rules, the workbook and the runbook run, since no Azure Monitor answers here:
/// every table is one the documented schema has, every column a query names exists at that point of the pipeline (the table's
/// columns, then those <c>extend</c>, <c>project</c> and <c>summarize</c> make), and every function and operator is one of the
/// few these queries use.</summary>
/// <remarks>It follows the pipeline's columns the way Kusto names them (<c>name = expr</c>, a plain column, <c>bin(col, ...)</c>
/// keeps <c>col</c>, <c>a.b</c> becomes <c>a_b</c>, <c>sum(x)</c> becomes <c>sum_x</c>); what it does not know it reports, so a
/// new operator or function is added here knowingly rather than passing unchecked.</remarks>
internal static partial class KustoQueryCheck
{
    private static readonly HashSet<string> Aggregates = new(StringComparer.Ordinal)
    {
        "sum", "sumif", "count", "countif", "min", "minif", "max", "maxif", "avg", "avgif", "dcount", "dcountif", "percentile", "any", "arg_max", "arg_min",
    };

    private static readonly HashSet<string> Scalars = new(StringComparer.Ordinal)
    {
        "bin", "tostring", "todouble", "toint", "tolong", "iff", "ago", "now", "round", "strcat", "isempty", "isnotempty", "coalesce",
    };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "not", "in", "has", "contains", "startswith", "endswith", "between", "true", "false", "asc", "desc", "nulls", "first", "last",
    };

    /// <summary>What is wrong with the query; empty when every name in it checks out.</summary>
    public static IReadOnlyList<string> Problems(string query, KustoSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var problems = new List<string>();
        var segments = Split(Tokenize(query, problems), "|");
        var columns = new HashSet<string>(StringComparer.Ordinal);
        if (segments[0] is not [{ Kind: TokenKind.Identifier } table])
        {
            return [.. problems, $"the query does not start with a table: '{query}'"];
        }

        AddTable(table.Text, schema, columns, problems);
        foreach (var segment in segments.Skip(1))
        {
            if (segment is not [{ Kind: TokenKind.Identifier } op, .. var rest])
            {
                problems.Add("an empty or unnamed pipeline step");
                continue;
            }

            switch (op.Text)
            {
                case "where":
                    CheckExpression(rest, columns, problems);
                    break;
                case "extend":
                    foreach (var (name, expression) in Items(rest))
                    {
                        CheckExpression(expression, columns, problems);
                        columns.Add(name);
                    }

                    break;
                case "project":
                    var projected = Items(rest).ToList();
                    projected.ForEach(item => CheckExpression(item.Expression, columns, problems));
                    columns = projected.Select(item => item.Name).ToHashSet(StringComparer.Ordinal);
                    break;
                case "summarize":
                    columns = Summarize(rest, columns, problems);
                    break;
                case "union":
                    foreach (var other in Split(rest, ","))
                    {
                        AddTable(string.Concat(other.Select(t => t.Text)), schema, columns, problems);
                    }

                    break;
                case "order" or "sort" when rest is [{ Text: "by" }, .. var keys]:
                    CheckExpression(keys, columns, problems);
                    break;
                case "take" or "limit" when rest is [{ Kind: TokenKind.Number }]:
                    break;
                default:
                    problems.Add($"an operator this check does not know: '{op.Text}'");
                    break;
            }
        }

        return problems;
    }

    private static HashSet<string> Summarize(List<Token> tokens, HashSet<string> columns, List<string> problems)
    {
        var by = tokens.FindIndex(t => t is { Kind: TokenKind.Identifier, Text: "by", Depth: 0 });
        var aggregations = Items(by < 0 ? tokens : tokens[..by]).ToList();
        var keys = by < 0 ? [] : Items(tokens[(by + 1)..]).ToList();
        foreach (var (name, expression) in aggregations)
        {
            if (expression is not [{ Kind: TokenKind.Identifier } function, { Text: "(" }, ..] || !Aggregates.Contains(function.Text))
            {
                problems.Add($"'{name}' is not an aggregation");
            }

            CheckExpression(expression, columns, problems);
        }

        keys.ForEach(key => CheckExpression(key.Expression, columns, problems));
        return aggregations.Concat(keys).Select(item => item.Name).ToHashSet(StringComparer.Ordinal);
    }

    private static void AddTable(string table, KustoSchema schema, HashSet<string> columns, List<string> problems)
    {
        if (schema.ColumnsOf(table) is { } known)
        {
            columns.UnionWith(known);
        }
        else
        {
            problems.Add($"a table the schema does not have: '{table}'");
        }
    }

    private static void CheckExpression(List<Token> tokens, HashSet<string> columns, List<string> problems)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind != TokenKind.Identifier || (i > 0 && tokens[i - 1].Text == ".") || Keywords.Contains(token.Text))
            {
                continue;
            }

            if (i + 1 < tokens.Count && tokens[i + 1].Text == "(")
            {
                if (!Aggregates.Contains(token.Text) && !Scalars.Contains(token.Text))
                {
                    problems.Add($"a function this check does not know: '{token.Text}'");
                }
            }
            else if (!columns.Contains(token.Text))
            {
                problems.Add($"a column that does not exist there: '{token.Text}'");
            }
        }
    }

    /// <summary>A comma-separated list of <c>name = expression</c> or <c>expression</c>, each with the column name Kusto gives it.</summary>
    private static IEnumerable<(string Name, List<Token> Expression)> Items(List<Token> tokens) =>
        Split(tokens, ",").Select(item => item is [{ Kind: TokenKind.Identifier } name, { Text: "=" }, .. var expression]
            ? (name.Text, expression)
            : (DefaultName(item), item));

    private static string DefaultName(List<Token> expression) => expression switch
    {
        [{ Kind: TokenKind.Identifier } single] => single.Text,
        _ when expression.All(t => t.Kind == TokenKind.Identifier || t.Text == ".") => string.Concat(expression.Select(t => t.Text == "." ? "_" : t.Text)),
        [{ Kind: TokenKind.Identifier } function, { Text: "(" }, .. var rest] when rest is [.., { Text: ")" }] =>
            Split(rest[..^1], ",") is [var first, ..] && first.Count > 0
                ? function.Text == "bin" || !Aggregates.Contains(function.Text) ? DefaultName(first) : $"{function.Text}_{DefaultName(first)}"
                : $"{function.Text}_",
        _ => "Column1",
    };

    /// <summary>Splits at a symbol outside the parentheses and brackets nested within the tokens.</summary>
    private static List<List<Token>> Split(List<Token> tokens, string separator)
    {
        var parts = new List<List<Token>> { new() };
        var outer = tokens.Count == 0 ? 0 : tokens.Min(t => t.Depth);
        foreach (var token in tokens)
        {
            if (token.Depth == outer && token.Kind == TokenKind.Symbol && token.Text == separator)
            {
                parts.Add([]);
            }
            else
            {
                parts[^1].Add(token);
            }
        }

        return parts;
    }

    private static List<Token> Tokenize(string query, List<string> problems)
    {
        var tokens = new List<Token>();
        var depth = 0;
        var at = 0;
        foreach (Match match in TokenPattern().Matches(query))
        {
            if (match.Index != at)
            {
                problems.Add($"text this check cannot read: '{query[at..match.Index]}'");
            }

            at = match.Index + match.Length;
            var kind = match.Groups["string"].Success ? TokenKind.String
                : match.Groups["number"].Success ? TokenKind.Number
                : match.Groups["identifier"].Success ? TokenKind.Identifier
                : match.Groups["symbol"].Success ? TokenKind.Symbol
                : (TokenKind?)null;
            if (kind is not { } k)
            {
                continue; // white space or a comment
            }

            depth -= match.Value is ")" or "]" ? 1 : 0;
            tokens.Add(new Token(k, match.Value, depth));
            depth += match.Value is "(" or "[" ? 1 : 0;
        }

        if (at != query.Length)
        {
            problems.Add($"text this check cannot read: '{query[at..]}'");
        }

        return tokens;
    }

    [GeneratedRegex("""(?<space>\s+)|(?<comment>//[^\n]*)|(?<string>'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")|(?<number>\d+(?:\.\d+)?[a-z]*)|(?<identifier>[A-Za-z_][A-Za-z0-9_]*)|(?<symbol>==|!=|<=|>=|=~|!~|[|(),.\[\]=<>+\-*/%!])""")]
    private static partial Regex TokenPattern();

    private enum TokenKind
    {
        Identifier,
        Number,
        String,
        Symbol,
    }

    /// <param name="Depth">How many parentheses or brackets enclose it.</param>
    private readonly record struct Token(TokenKind Kind, string Text, int Depth);
}
