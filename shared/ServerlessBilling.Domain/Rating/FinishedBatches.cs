using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Rating;

/// <summary>Tells which claims were made by a CDR batch whose rating finished: such a claim's usage row is written, so a later delivery
/// that finds the claim need not read the row. One point read per claiming batch stands for the range reads of its rows.</summary>
/// <remarks>
/// <para>Rating records a batch's counts (<see cref="ICdrFileRatings"/>) only after every claim and row of the batch is written
/// (<see cref="CountedUsageRating"/>), so those counts prove the row of every claim that still names the batch as its delivery. Nothing
/// moves such a claim away from its row while it keeps that name: a replacement names itself as the claim's delivery in the same write
/// that moves it (<see cref="IdentityClaim.ReplacedBy"/>), and a claim is completed elsewhere (<see cref="UsageRecording"/>) only when its
/// row is missing, that is while its batch has not finished.</para>
/// <para>A claim whose delivery is no batch (a webhook message, a replacement, none) or whose batch has not finished (it crashed between
/// its claims and rows, or runs now) is answered false, and its row is read as before. On Azurite, where a range read scans the whole
/// table, this is what keeps a re-dropped file as fast as the first drop.</para>
/// </remarks>
public sealed class FinishedBatches(ICdrFileRatings fileRatings)
{
    /// <summary>For each claim, whether the batch it names finished rating (so its row is written).</summary>
    /// <param name="claims">The claims found.</param>
    /// <param name="atMostReads">When the claims name more batches than this, nothing is read and every answer is false: reading their
    /// rows costs fewer requests then (a file read before windows named a batch per 50 lines of one account).</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    public async Task<bool[]> AreWrittenAsync(IReadOnlyList<IdentityClaim> claims, int atMostReads, CancellationToken cancellationToken)
    {
        var batches = claims.Select(c => ClaimingBatch(c.Delivery)).ToArray();
        var distinct = batches.OfType<CdrBatch>().Distinct().ToList();
        if (distinct.Count == 0 || distinct.Count > atMostReads)
        {
            return new bool[claims.Count];
        }

        var finished = await Task.WhenAll(distinct.Select(b => fileRatings.ContainsAsync(b, cancellationToken)));
        var byBatch = distinct.Zip(finished).ToDictionary(p => p.First, p => p.Second);
        return batches.Select(b => b is not null && byBatch[b]).ToArray();
    }

    /// <summary>The CDR batch a claim's delivery names (<c>{batch}|{source}#{position}</c>, see <see cref="CountedUsageRating"/>); null
    /// when it names none.</summary>
    public static CdrBatch? ClaimingBatch(string? delivery)
    {
        var hash = delivery?.LastIndexOf('#') ?? -1;
        if (hash <= 0 || IdentityClaim.IsReplacement(delivery))
        {
            return null;
        }

        var source = delivery!.LastIndexOf('|', hash - 1);
        return source > 0 ? CdrBatch.FromDeliveryName(delivery[..source]) : null;
    }
}
