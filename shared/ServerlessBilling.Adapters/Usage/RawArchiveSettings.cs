using ServerlessBilling.Hosting;

namespace ServerlessBilling.Usage;

/// <summary>Section <c>RawArchive</c>: where raw webhook payloads are kept, how many one write carries, and how long a write waits for more.</summary>
public sealed class RawArchiveSettings : ISettingsSection
{
    public static string Section => "RawArchive";

    /// <summary>Where new payloads are written: <c>Tables</c> (default; rows of <c>RawPayloads</c>, 100 to a transaction) or <c>Blobs</c>
    /// (appends to <c>raw-archive</c> blobs). Either way payloads written earlier to the other read and list as before.</summary>
    /// <remarks>A blob write is billed about 180 times a table transaction: the blob store is kept for comparison and for a rollback.</remarks>
    public string? Store { get; set; }

    /// <summary>The most payloads one write to the archive carries (default 100; 1 writes each payload alone; a table transaction takes at most 100).</summary>
    /// <remarks>Payloads that arrive while a write is in flight wait and go together in the next one, so at low traffic each
    /// payload is written at once and alone, and under load one storage write carries many; each delivery is acknowledged
    /// after the write that carries it.</remarks>
    public int? MaxPayloadsPerGroup { get; set; }

    /// <summary>Milliseconds a write waits for more payloads before it is sent, unless its group is full (default 0 on tables, 10 on blobs).</summary>
    /// <remarks>Without a wait only deliveries that arrive during a write share the next, which at moderate traffic is few: the
    /// wait trades that many milliseconds of each acknowledgement for fewer storage writes, worth it only where a write is dear.</remarks>
    public int? GroupWindowMilliseconds { get; set; }

    public IEnumerable<string> Problems() =>
    [
        .. Store is null || IsTables || IsBlobs ? Array.Empty<string>() : [$"{Section}:Store: must be Tables or Blobs."],
        .. MaxPayloadsPerGroup is < 1 or > 1000 ? [$"{Section}:MaxPayloadsPerGroup: must be between 1 and 1000."] : Array.Empty<string>(),
        .. GroupWindowMilliseconds is < 0 or > 1000 ? [$"{Section}:GroupWindowMilliseconds: must be between 0 and 1000."] : Array.Empty<string>(),
    ];

    /// <summary>Whether new payloads go to the <c>RawPayloads</c> table.</summary>
    public bool InTables => Store is null || IsTables;

    public int PayloadsPerGroup => MaxPayloadsPerGroup ?? 100;

    public TimeSpan GroupWindow => TimeSpan.FromMilliseconds(GroupWindowMilliseconds ?? (InTables ? 0 : 10));

    private bool IsTables => string.Equals(Store, "Tables", StringComparison.OrdinalIgnoreCase);

    private bool IsBlobs => string.Equals(Store, "Blobs", StringComparison.OrdinalIgnoreCase);
}
