using Azure.Data.Tables;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Upstream;

/// <summary>Matches a page of vendor calls with point reads: the identity's claim (the billed version) and those of the other components
/// the row covers, else the call's record in
/// quarantine (partition = the vendor's source, row = the event id); the conflicts waiting in the vendor's partition are read once per page.</summary>
/// <remarks>The reads of a page run concurrently (at most <see cref="Concurrency"/> at once): the identities are spread over hashed
/// partitions, so a page is many small reads rather than one scan.</remarks>
public sealed class TableVendorCallLookup(IEventIdentities identities, TableServiceClient tables) : IVendorCallLookup
{
    private const int Concurrency = 16;
    private const string ConflictPrefix = "conflict:";
    private readonly TableClient quarantine = tables.GetTableClient(StorageNames.QuarantineTable);

    public async Task<IReadOnlyList<CallMatch>> MatchAsync(string vendor, IReadOnlyList<StatementRow> rows, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(vendor);
        var conflicts = await ConflictsAsync(partition, cancellationToken);
        var matches = new CallMatch[rows.Count];
        await Parallel.ForAsync(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var row = rows[i];
            var claim = await identities.FindAsync(row.Identity, ct);
            if (claim is not null)
            {
                var others = new List<RatedUsage>();
                foreach (var other in row.OtherIdentities)
                {
                    if (await identities.FindAsync(other, ct) is { } billed)
                    {
                        others.Add(billed.Billed);
                    }
                }

                matches[i] = new CallMatch(claim.Billed, null, conflicts.Contains(row.EventId), others);
                return;
            }

            var held = await quarantine.GetEntityIfExistsAsync<TableEntity>(partition, TableKeys.Escape(row.EventId), cancellationToken: ct);
            matches[i] = held.HasValue && held.Value is { } entity ? new CallMatch(null, Record(vendor, entity)) : CallMatch.None;
        });

        return matches;
    }

    /// <summary>The event ids with a conflict waiting: conflicts are kept as <c>conflict:{event id}:{component}:{hash}</c>.</summary>
    private async Task<HashSet<string>> ConflictsAsync(string partition, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var filter = $"PartitionKey eq {TableKeys.Literal(partition)} and RowKey ge {TableKeys.Literal(ConflictPrefix)} and RowKey lt {TableKeys.Literal("conflict;")}";
        await foreach (var row in quarantine.QueryAsync<TableEntity>(filter, select: ["Reference"], cancellationToken: cancellationToken))
        {
            var parts = (row.GetString("Reference") ?? "").Split(':');
            if (parts.Length >= 4)
            {
                ids.Add(string.Join(':', parts[1..^2]));
            }
        }

        return ids;
    }

    private static QuarantinedRecord Record(string vendor, TableEntity row)
    {
        var kind = Enum.TryParse<QuarantineKind>(row.GetString("Kind"), out var stored) ? stored : QuarantineKind.Problem;
        return new QuarantinedRecord(vendor, row.GetString("Reference"), new RecordProblem(row.GetString("Field"), row.GetString("Reason")), "", kind);
    }
}
