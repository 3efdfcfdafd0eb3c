using Azure;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Paging;
using ServerlessBilling.Storage;

namespace ServerlessBilling.WebhooksOut;

/// <summary>Endpoints in <c>WebhookEndpoints</c>, partition <c>endpoint</c>, row = endpoint id: the endpoint as a document, its
/// secrets in their own properties (never in the document an API answer is read from).</summary>
/// <remarks>One partition: a reseller registers a handful of endpoints, and fanning an event out reads the enabled ones in
/// one query. Changes are read-modify-write guarded by the row's ETag, so a delivery worker recording a failure and an
/// operator's change cannot overwrite each other.</remarks>
public sealed class TableWebhookEndpoints(TableServiceClient tables) : IWebhookEndpoints
{
    private const string Partition = "endpoint";
    private const string Enabled = nameof(Enabled);
    private const string Secret = nameof(Secret);
    private const string PreviousSecret = nameof(PreviousSecret);
    private const string PreviousSecretExpiresAt = nameof(PreviousSecretExpiresAt);
    private readonly TableClient table = tables.GetTableClient(StorageNames.WebhookEndpointsTable);

    public async Task AddAsync(WebhookEndpoint endpoint, WebhookSecrets secrets, CancellationToken cancellationToken)
    {
        var row = Row(endpoint);
        WriteSecrets(row, secrets);
        await table.AddEntityAsync(row, cancellationToken);
    }

    public async Task<WebhookEndpoint?> FindAsync(string endpointId, CancellationToken cancellationToken) =>
        await FindRowAsync(endpointId, cancellationToken) is { } row ? JsonDocumentEntity.Read<WebhookEndpoint>(row) : null;

    public async Task<WebhookSecrets?> FindSecretsAsync(string endpointId, CancellationToken cancellationToken) =>
        await FindRowAsync(endpointId, cancellationToken) is { } row
            ? new WebhookSecrets(
                row.GetString(Secret),
                row.GetString(PreviousSecret),
                row.GetDateTimeOffset(PreviousSecretExpiresAt) is { } expires ? Instant.FromDateTimeOffset(expires) : null)
            : null;

    public async Task<WebhookEndpoint?> UpdateAsync(string endpointId, Func<WebhookEndpoint, WebhookEndpoint> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await FindRowAsync(endpointId, cancellationToken) is not { } stored)
            {
                return null;
            }

            var changed = change(JsonDocumentEntity.Read<WebhookEndpoint>(stored));
            try
            {
                await table.UpdateEntityAsync(Row(changed), stored.ETag, TableUpdateMode.Merge, cancellationToken);
                return changed;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Changed since it was read: apply the change to what is stored now.
            }
        }
    }

    public async Task SetSecretsAsync(string endpointId, WebhookSecrets secrets, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Partition, TableKeys.Escape(endpointId));
        WriteSecrets(row, secrets);
        await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string endpointId, CancellationToken cancellationToken)
    {
        // The service answers 404 for a row that is not there, which the client returns rather than throws.
        var response = await table.DeleteEntityAsync(Partition, TableKeys.Escape(endpointId), ETag.All, cancellationToken);
        return response.Status != 404;
    }

    public Task<ListPage<WebhookEndpoint>> ListPageAsync(PageRequest page, CancellationToken cancellationToken) =>
        TablePaging.ReadAsync(table, TablePaging.Partition(Partition), page, JsonDocumentEntity.Read<WebhookEndpoint>, cancellationToken);

    public async Task<IReadOnlyList<WebhookEndpoint>> ListEnabledAsync(CancellationToken cancellationToken)
    {
        var enabled = new List<WebhookEndpoint>();
        await foreach (var row in table.QueryAsync<TableEntity>($"{TablePaging.Partition(Partition)} and {Enabled} eq true", cancellationToken: cancellationToken))
        {
            enabled.Add(JsonDocumentEntity.Read<WebhookEndpoint>(row));
        }

        return enabled;
    }

    private async Task<TableEntity?> FindRowAsync(string endpointId, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(endpointId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private static TableEntity Row(WebhookEndpoint endpoint)
    {
        var row = JsonDocumentEntity.Create(Partition, TableKeys.Escape(endpoint.Id), endpoint);
        row[Enabled] = endpoint.Enabled;
        return row;
    }

    private static void WriteSecrets(TableEntity row, WebhookSecrets secrets)
    {
        row[Secret] = secrets.Current;
        row[PreviousSecret] = secrets.Previous;
        row[PreviousSecretExpiresAt] = secrets.PreviousExpiresAt?.ToDateTimeOffset();
    }
}
