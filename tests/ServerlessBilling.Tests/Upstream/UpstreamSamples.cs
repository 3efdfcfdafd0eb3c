namespace ServerlessBilling.Tests.Upstream;

/// <summary>The vendor samples the repository ships under samples/upstream.</summary>
internal static class UpstreamSamples
{
    public static string Path(string name) => System.IO.Path.Combine(Repository.Folder, "samples", "upstream", name);

    public static StreamReader Open(string name) => new(Path(name));
}
