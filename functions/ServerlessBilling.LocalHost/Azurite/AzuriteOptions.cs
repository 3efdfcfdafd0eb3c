namespace ServerlessBilling.LocalHost.Azurite;

/// <summary>Where Azurite listens and keeps its data.</summary>
/// <param name="DataFolder">Folder for its files; null keeps everything in memory (tests).</param>
/// <param name="RequestLog">A file for Azurite's debug log, which has one line per request served (for counting storage operations); null for none.</param>
public sealed record AzuriteOptions(int BlobPort = 10000, int QueuePort = 10001, int TablePort = 10002, string? DataFolder = ".azurite", string? RequestLog = null)
{
    /// <summary>Azurite on three consecutive ports from <paramref name="firstPort"/>, its data in <c>.azurite</c> on the default ports
    /// and in <c>.azurite/{firstPort}</c> on others, so two instances never share files.</summary>
    public static AzuriteOptions OnPorts(int firstPort) =>
        firstPort == 10000 ? new() : new(firstPort, firstPort + 1, firstPort + 2, Path.Combine(".azurite", $"{firstPort}"));

    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Azurite's well-known development account (public, documented by Microsoft; not a secret).</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={DevAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";
}
