using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Payments.Migrations;

namespace ServerlessBilling.Storage;

/// <summary>Migration imports in <c>PaymentMigrations</c>: partition = import id; a row per line (<c>line|{number:D9}</c>, in file order) and
/// an <c>import</c> row (gateways, time, line count) written after them, so a half-stored import is never read as whole.</summary>
public sealed class TablePaymentMigrationLog(TableServiceClient tables) : IPaymentMigrationLog
{
    private const string ImportRow = "import";
    private const string LinePrefix = "line|";

    /// <summary>Azure Tables' largest transaction.</summary>
    private const int Batch = 100;

    private readonly TableClient table = tables.GetTableClient(StorageNames.PaymentMigrationsTable);

    public async Task SaveAsync(PaymentMigration migration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var partition = TableKeys.Escape(migration.ImportId);
        foreach (var chunk in migration.Lines.Chunk(Batch))
        {
            await table.SubmitTransactionAsync(
                chunk.Select(line => new TableTransactionAction(TableTransactionActionType.UpsertReplace, JsonDocumentEntity.Create(partition, LineKey(line.Line), line))),
                cancellationToken);
        }

        var header = new Header(migration.ImportId, migration.From, migration.To, migration.ImportedAt, migration.Lines.Count);
        await table.UpsertEntityAsync(JsonDocumentEntity.Create(partition, ImportRow, header), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<PaymentMigration?> FindAsync(string importId, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Escape(importId);
        var stored = await table.GetEntityIfExistsAsync<TableEntity>(partition, ImportRow, cancellationToken: cancellationToken);
        if (!stored.HasValue || stored.Value is not { } row)
        {
            return null;
        }

        var header = JsonDocumentEntity.Read<Header>(row);
        var lines = new List<PaymentMigrationLine>(header.Lines);
        var filter = $"PartitionKey eq {TableKeys.Literal(partition)} and RowKey ge {TableKeys.Literal(LinePrefix)} and RowKey lt {TableKeys.Literal("line}")}";
        await foreach (var line in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            lines.Add(JsonDocumentEntity.Read<PaymentMigrationLine>(line));
        }

        return new PaymentMigration(header.ImportId, header.From, header.To, header.ImportedAt, lines);
    }

    /// <summary>Zero-padded, so the table's key order is the file's line order.</summary>
    private static string LineKey(int line) => LinePrefix + line.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Header(string ImportId, string From, string To, Instant ImportedAt, int Lines);
}
