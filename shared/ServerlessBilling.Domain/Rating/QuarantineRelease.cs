using System.Security.Cryptography;
using System.Text;
using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>Counts a quarantined record that a replay or a person's acceptance billed as rated and released, exactly once.</summary>
/// <remarks>
/// The record was counted in its quarantine class when it went in; its release moves it, so the day's conservation holds. The count is
/// made before the record leaves quarantine and is keyed by the record (<see cref="IIngestCounters.AddOnceAsync"/>): a replay that stops
/// after counting finds the record again and adds nothing, one that stops before counting counts it when run again. The key holds the
/// record's content, so a call held again later under the same reference with other facts is another release.
/// </remarks>
public static class QuarantineRelease
{
    /// <returns>True when this call counted the release; false when it had been counted.</returns>
    public static Task<bool> CountOnceAsync(IIngestCounters counters, QuarantinedRecord record, LocalDate day, CancellationToken cancellationToken) =>
        counters.AddOnceAsync(record.Source, day, new IngestCounts(Rated: 1, Released: 1), Name(record), cancellationToken);

    private static string Name(QuarantinedRecord record) =>
        $"released|{record.Reference}|{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(record.RawContent)))}";
}
