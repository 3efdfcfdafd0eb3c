using System.Text.Json;
using Azure.Data.Tables;

namespace ServerlessBilling.Storage;

/// <summary>Rows that keep a domain record as one JSON document, so the record can grow without a table migration.</summary>
internal static class JsonDocumentEntity
{
    public const string DocumentProperty = "Document";

    public static TableEntity Create<T>(string partitionKey, string rowKey, T value) =>
        new(partitionKey, rowKey) { [DocumentProperty] = JsonSerializer.Serialize(value, BillingJson.Options) };

    public static T Read<T>(TableEntity entity) =>
        JsonSerializer.Deserialize<T>(entity.GetString(DocumentProperty), BillingJson.Options)
        ?? throw new InvalidDataException($"Row {entity.PartitionKey}/{entity.RowKey} holds no document.");
}
