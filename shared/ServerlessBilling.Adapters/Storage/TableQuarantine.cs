using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ServerlessBilling.Paging;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Storage;

/// <summary>Quarantined records in <c>Quarantine</c> (partition = source, row = reference); a raw record too large for a table property goes to a blob beside it.</summary>
public sealed class TableQuarantine(TableServiceClient tables, BlobServiceClient blobs) : IQuarantine
{
    /// <summary>Table string properties hold 64 KiB of UTF-16; keep well below it.</summary>
    private const int MaxInlineChars = 30_000;

    private readonly TableClient quarantine = tables.GetTableClient(StorageNames.QuarantineTable);
    private readonly BlobContainerClient overflow = blobs.GetBlobContainerClient(StorageNames.QuarantineContainer);

    public async Task PutAsync(QuarantinedRecord record, CancellationToken cancellationToken) =>
        await quarantine.UpsertEntityAsync(await RowAsync(record, cancellationToken), TableUpdateMode.Replace, cancellationToken);

    /// <summary>Writes a source's records up to 100 at a time in one transaction (within its byte budget), so a file with many bad
    /// lines is held at the speed it is read; a record seen twice is written once, as it was last given.</summary>
    public async Task PutAllAsync(IReadOnlyList<QuarantinedRecord> records, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>(records.Count);
        foreach (var record in records)
        {
            rows.Add(await RowAsync(record, cancellationToken));
        }

        foreach (var source in rows.GroupBy(row => row.PartitionKey))
        {
            var latest = source.GroupBy(row => row.RowKey).Select(same => same.Last());
            foreach (var group in Transactions(latest))
            {
                await quarantine.SubmitTransactionAsync(
                    group.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
            }
        }
    }

    /// <summary>Cuts one partition's rows into transactions of at most <see cref="TableGroupInserts.MaxPerTransaction"/> rows and
    /// <see cref="TableRowGroups.MaxGroupBytes"/>.</summary>
    private static IEnumerable<List<TableEntity>> Transactions(IEnumerable<TableEntity> rows)
    {
        var group = new List<TableEntity>();
        var bytes = 0;
        foreach (var row in rows)
        {
            var size = TableWriteGroups.BytesOf(row);
            if (group.Count == TableGroupInserts.MaxPerTransaction || (group.Count > 0 && bytes + size > TableRowGroups.MaxGroupBytes))
            {
                yield return group;
                (group, bytes) = ([], 0);
            }

            group.Add(row);
            bytes += size;
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    private async Task<TableEntity> RowAsync(QuarantinedRecord record, CancellationToken cancellationToken)
    {
        var rowKey = TableKeys.Escape(record.Reference);
        var row = new TableEntity(TableKeys.Escape(record.Source), rowKey)
        {
            ["Reference"] = record.Reference,
            ["Field"] = record.Problem.Field,
            ["Reason"] = record.Problem.Reason,
            ["Kind"] = record.Kind.ToString(),
        };
        if (record.RawContent.Length <= MaxInlineChars)
        {
            row["Raw"] = record.RawContent;
        }
        else
        {
            var blobName = $"{row.PartitionKey}/{rowKey}";
            await overflow.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(record.RawContent), overwrite: true, cancellationToken);
            row["RawBlob"] = blobName;
        }

        return row;
    }

    public async Task<IReadOnlyList<QuarantinedRecord>> ListAsync(string source, CancellationToken cancellationToken)
    {
        var records = new List<QuarantinedRecord>();
        var partition = TableKeys.Escape(source);
        await foreach (var row in quarantine.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            records.Add(await ReadAsync(source, row, cancellationToken));
        }

        return records;
    }

    public Task<ListPage<QuarantinedRecord>> ListPageAsync(string source, PageRequest page, CancellationToken cancellationToken) =>
        TablePaging.ReadAsync(quarantine, TablePaging.Partition(TableKeys.Escape(source)), page, async (row, cancel) => (QuarantinedRecord?)await ReadAsync(source, row, cancel), cancellationToken);

    public async Task RemoveAsync(string source, string reference, CancellationToken cancellationToken) =>
        await quarantine.DeleteEntityAsync(TableKeys.Escape(source), TableKeys.Escape(reference), ETag.All, cancellationToken);

    private async Task<QuarantinedRecord> ReadAsync(string source, TableEntity row, CancellationToken cancellationToken)
    {
        var raw = row.GetString("Raw");
        if (raw is null && row.GetString("RawBlob") is { } blobName)
        {
            raw = (await overflow.GetBlobClient(blobName).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        }

        var kind = Enum.TryParse<QuarantineKind>(row.GetString("Kind"), out var stored) ? stored : QuarantineKind.Problem;
        return new QuarantinedRecord(source, row.GetString("Reference"), new RecordProblem(row.GetString("Field"), row.GetString("Reason")), raw ?? "", kind);
    }
}
