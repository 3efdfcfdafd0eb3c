using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Storage;

/// <summary>CDR file manifests in <c>CdrFiles</c>: partition = blob name, row = ETag, so each upload of a name has its own checkpoint.</summary>
public sealed class TableCdrCheckpoints(TableServiceClient tables) : ICdrCheckpoints
{
    private readonly TableClient files = tables.GetTableClient(StorageNames.CdrFilesTable);

    public async Task<CdrFileManifest?> GetAsync(string file, string etag, CancellationToken cancellationToken)
    {
        var row = await files.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(file), TableKeys.Escape(etag), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? Read(entity) : null;
    }

    public async Task<IReadOnlyList<CdrFileManifest>> ListVersionsAsync(string file, CancellationToken cancellationToken)
    {
        var versions = new List<CdrFileManifest>();
        var partition = TableKeys.Escape(file);
        await foreach (var row in files.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            versions.Add(Read(row));
        }

        return versions.OrderByDescending(v => v.StartedAt).ToList();
    }

    public async Task SaveAsync(CdrFileManifest manifest, CancellationToken cancellationToken)
    {
        var row = new TableEntity(TableKeys.Escape(manifest.File), TableKeys.Escape(manifest.ETag))
        {
            ["File"] = manifest.File,
            ["ETag"] = manifest.ETag,
            ["Format"] = manifest.Format,
            ["TimeZone"] = manifest.TimeZone,
            ["StartedAt"] = manifest.StartedAt.ToDateTimeOffset(),
            ["LinesRead"] = manifest.LinesRead,
            ["Queued"] = manifest.Queued,
            ["Quarantined"] = manifest.Quarantined,
            ["FinishedAt"] = manifest.FinishedAt?.ToDateTimeOffset(),
            ["Problem"] = manifest.Problem,
            ["Blank"] = manifest.Blank,
        };
        await files.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    private static CdrFileManifest Read(TableEntity entity) =>
        new(
            entity.GetString("File"),
            entity.GetString("ETag"),
            entity.GetString("Format"),
            entity.GetString("TimeZone"),
            Instant.FromDateTimeOffset(entity.GetDateTimeOffset("StartedAt")!.Value),
            entity.GetInt64("LinesRead") ?? 0,
            entity.GetInt64("Queued") ?? 0,
            entity.GetInt64("Quarantined") ?? 0,
            entity.GetDateTimeOffset("FinishedAt") is { } finished ? Instant.FromDateTimeOffset(finished) : null,
            entity.GetString("Problem"),
            entity.GetInt64("Blank") ?? 0);
}
