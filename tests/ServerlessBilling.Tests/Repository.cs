namespace ServerlessBilling.Tests;

/// <summary>Files of the repository that tests check the code against (the documentation's examples, the published schema).</summary>
internal static class Repository
{
    public static string Folder { get; } = Find();

    /// <summary>The price plan example: the first ```json block of docs/plans-and-rating.md.</summary>
    public static string PlanExample()
    {
        var page = File.ReadAllText(Path.Combine(Folder, "docs", "plans-and-rating.md"));
        var start = page.IndexOf("```json", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException("docs/plans-and-rating.md has no ```json block: the plan example moved.");
        }

        start += "```json".Length;
        return page[start..page.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "ServerlessBilling.sln")))
        {
            dir = dir.Parent;
        }

        return dir.FullName;
    }
}
