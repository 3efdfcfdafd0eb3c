namespace ServerlessBilling.DeploymentTests;

/// <summary>The repository the tests run in, found from the test assembly's folder.</summary>
internal static class Repository
{
    public static string Folder { get; } = Find();

    public static string ReadText(params string[] path) => File.ReadAllText(Path.Combine([Folder, .. path]));

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
