using Azure;
using Azure.Data.Tables;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Storage;

/// <summary>Rating's outcome per CDR batch in <c>CdrFileRatings</c> (each class of <see cref="CdrRatingCounts"/> a column): partition = file + ETag, row = the batch's key (its first line, and its part when it has one); insert-if-absent keeps the first count.</summary>
public sealed class TableCdrFileRatings(TableServiceClient tables) : ICdrFileRatings
{
    private readonly TableClient ratings = tables.GetTableClient(StorageNames.CdrFileRatingsTable);

    public async Task RecordAsync(CdrBatch batch, CdrRatingCounts counts, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Partition(batch.File, batch.ETag), batch.Key)
        {
            ["LastLine"] = batch.LastLine,
            ["Rated"] = counts.Rated,
            ["Duplicates"] = counts.Duplicates,
            ["Unattributed"] = counts.Unattributed,
            ["Unpriced"] = counts.Unpriced,
            ["Conflicts"] = counts.Conflicts,
            ["Held"] = counts.Held,
            ["NotCharged"] = counts.NotCharged,
        };
        try
        {
            await ratings.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A retried message: its batch was counted by the attempt that finished first.
        }
    }

    public async Task<bool> ContainsAsync(CdrBatch batch, CancellationToken cancellationToken) =>
        (await ratings.GetEntityIfExistsAsync<TableEntity>(Partition(batch.File, batch.ETag), batch.Key, ["RowKey"], cancellationToken)).HasValue;

    public async Task<CdrRatingCounts> SumAsync(string file, string etag, CancellationToken cancellationToken)
    {
        var sum = CdrRatingCounts.None;
        var partition = Partition(file, etag);
        string[] columns = ["Rated", "Duplicates", "Unattributed", "Unpriced", "Conflicts", "Held", "NotCharged"];
        await foreach (var row in ratings.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: columns, cancellationToken: cancellationToken))
        {
            sum = sum.Plus(new CdrRatingCounts(
                row.GetInt64("Rated") ?? 0, row.GetInt64("Duplicates") ?? 0, row.GetInt64("Unattributed") ?? 0, row.GetInt64("Unpriced") ?? 0,
                row.GetInt64("Conflicts") ?? 0, row.GetInt64("Held") ?? 0, row.GetInt64("NotCharged") ?? 0));
        }

        return sum;
    }

    private static string Partition(string file, string etag) => TableKeys.Escape($"{file}|{etag}");
}
