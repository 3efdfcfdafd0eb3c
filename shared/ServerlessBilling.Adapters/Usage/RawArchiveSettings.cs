using ServerlessBilling.Hosting;

namespace ServerlessBilling.Usage;

/// <summary>Section <c>RawArchive</c>: how many payloads the raw archive commits in one append.</summary>
public sealed class RawArchiveSettings : ISettingsSection
{
    public static string Section => "RawArchive";

    /// <summary>The most payloads one append to the archive carries (default 100; 1 writes each payload alone).</summary>
    /// <remarks>Payloads that arrive while an append is in flight wait and go together in the next one, so at low traffic each
    /// payload is written at once and alone, and under load one storage write carries many; each delivery is acknowledged
    /// after the append that carries it.</remarks>
    public int? MaxPayloadsPerGroup { get; set; }

    public IEnumerable<string> Problems() =>
        MaxPayloadsPerGroup is < 1 or > 1000 ? ["RawArchive:MaxPayloadsPerGroup: must be between 1 and 1000."] : [];

    public int PayloadsPerGroup => MaxPayloadsPerGroup ?? 100;
}
