using System.Text.Json;
using Azure.Data.Tables;

namespace ServerlessBilling.Storage;

/// <summary>Rows that keep a domain record as one JSON document, so the record can grow without a table migration.</summary>
internal static class JsonDocumentEntity
{
    public const string DocumentProperty = "Document";

    public static TableEntity Create<T>(string partitionKey, string rowKey, T value) => Create(partitionKey, rowKey, value, BillingJson.Options);

    /// <param name="options">How the document is written (<see cref="LedgerDocumentJson.Options"/> for the ledger's rows); it is read
    /// with <see cref="BillingJson.Options"/> whatever wrote it.</param>
    public static TableEntity Create<T>(string partitionKey, string rowKey, T value, JsonSerializerOptions options) =>
        new(partitionKey, rowKey) { [DocumentProperty] = JsonSerializer.Serialize(value, options) };

    public static T Read<T>(TableEntity entity) =>
        JsonSerializer.Deserialize<T>(entity.GetString(DocumentProperty), BillingJson.Options)
        ?? throw new InvalidDataException($"Row {entity.PartitionKey}/{entity.RowKey} holds no document.");
}
