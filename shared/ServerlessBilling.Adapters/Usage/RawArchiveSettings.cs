using ServerlessBilling.Hosting;

namespace ServerlessBilling.Usage;

/// <summary>Section <c>RawArchive</c>: how many payloads the raw archive commits in one append, and how long an append waits for more.</summary>
public sealed class RawArchiveSettings : ISettingsSection
{
    public static string Section => "RawArchive";

    /// <summary>The most payloads one append to the archive carries (default 100; 1 writes each payload alone).</summary>
    /// <remarks>Payloads that arrive while an append is in flight wait and go together in the next one, so at low traffic each
    /// payload is written at once and alone, and under load one storage write carries many; each delivery is acknowledged
    /// after the append that carries it.</remarks>
    public int? MaxPayloadsPerGroup { get; set; }

    /// <summary>Milliseconds an append waits for more payloads before it is written, unless its group is full (default 10; 0 writes at once).</summary>
    /// <remarks>Without a wait only deliveries that arrive during an append share the next, which at moderate traffic is few: the
    /// wait trades that many milliseconds of each acknowledgement for fewer storage writes.</remarks>
    public int? GroupWindowMilliseconds { get; set; }

    public IEnumerable<string> Problems() =>
    [
        .. MaxPayloadsPerGroup is < 1 or > 1000 ? [$"{Section}:MaxPayloadsPerGroup: must be between 1 and 1000."] : Array.Empty<string>(),
        .. GroupWindowMilliseconds is < 0 or > 1000 ? [$"{Section}:GroupWindowMilliseconds: must be between 0 and 1000."] : Array.Empty<string>(),
    ];

    public int PayloadsPerGroup => MaxPayloadsPerGroup ?? 100;

    public TimeSpan GroupWindow => TimeSpan.FromMilliseconds(GroupWindowMilliseconds ?? 10);
}
