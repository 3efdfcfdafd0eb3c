namespace ServerlessBilling.Tests;

/// <summary>Files of the repository that tests check the code against (the README's examples, the published schema).</summary>
internal static class Repository
{
    public static string Folder { get; } = Find();

    /// <summary>The first ```json block of the README.</summary>
    public static string ReadmeJsonExample()
    {
        var readme = File.ReadAllText(Path.Combine(Folder, "README.md"));
        var start = readme.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
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
