namespace ServerlessBilling.LocalHost.Bench;

/// <summary>How many requests of one kind to one table, queue or container a phase sent.</summary>
public sealed record StorageRequestTally(StorageRequestKind Kind, long Requests)
{
    /// <summary>The tallies of a span of the run, most requests first: <paramref name="after"/> minus <paramref name="before"/>.</summary>
    public static IReadOnlyList<StorageRequestTally> Between(IReadOnlyDictionary<StorageRequestKind, long> before, IReadOnlyDictionary<StorageRequestKind, long> after) =>
        after.Select(p => new StorageRequestTally(p.Key, p.Value - before.GetValueOrDefault(p.Key)))
            .Where(t => t.Requests > 0)
            .OrderByDescending(t => t.Requests).ThenBy(t => t.Kind.Service, StringComparer.Ordinal).ThenBy(t => t.Kind.Resource, StringComparer.Ordinal)
            .ThenBy(t => t.Kind.Kind, StringComparer.Ordinal)
            .ToList();

    /// <summary>What these requests cost per 10,000 at the table's prices (a blob read or properties request at the read price, other blob requests at the write price).</summary>
    public decimal PricePer10k(StoragePrices prices) => Kind.Service switch
    {
        "table" => prices.TablesPer10k,
        "queue" => prices.QueuesPer10k,
        _ => Kind.Kind is "read" or "properties" ? prices.BlobReadsPer10k : prices.BlobWritesPer10k,
    };
}
