namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>Finds the repository (the folder holding ServerlessBilling.sln), where the pinned tools and the Azurite data folder live.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ServerlessBilling.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the local host from inside the ServerlessBilling repository.");
    }
}
