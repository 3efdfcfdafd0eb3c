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
/// operator's change cannot overwrite each other. The secrets are sealed by <paramref name="cipher"/>; a row written before
/// they were (plain <c>whsec_...</c>) is read as it is and sealed by its next change.</remarks>
public sealed class TableWebhookEndpoints(TableServiceClient tables, WebhookSecretCipher cipher) : IWebhookEndpoints
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
        WriteSecrets(row, endpoint.Id, secrets);
        await table.AddEntityAsync(row, cancellationToken);
    }

    public async Task<WebhookEndpoint?> FindAsync(string endpointId, CancellationToken cancellationToken) =>
        await FindRowAsync(endpointId, cancellationToken) is { } row ? JsonDocumentEntity.Read<WebhookEndpoint>(row) : null;

    public async Task<WebhookSecrets?> FindSecretsAsync(string endpointId, CancellationToken cancellationToken) =>
        await FindRowAsync(endpointId, cancellationToken) is { } row
            ? ReadSecrets(row, endpointId)
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
            var row = Row(changed);
            if (cipher.Encrypts && !WebhookSecretCipher.IsSealed(stored.GetString(Secret)))
            {
                // Written before the secrets were sealed: seal them with this change, under the same ETag.
                WriteSecrets(row, endpointId, ReadSecrets(stored, endpointId));
            }

            try
            {
                await table.UpdateEntityAsync(row, stored.ETag, TableUpdateMode.Merge, cancellationToken);
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
        WriteSecrets(row, endpointId, secrets);
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

    private WebhookSecrets ReadSecrets(TableEntity row, string endpointId) =>
        new(
            cipher.Open(row.GetString(Secret), Context(endpointId, Secret))!,
            cipher.Open(row.GetString(PreviousSecret), Context(endpointId, PreviousSecret)),
            row.GetDateTimeOffset(PreviousSecretExpiresAt) is { } expires ? Instant.FromDateTimeOffset(expires) : null);

    private void WriteSecrets(TableEntity row, string endpointId, WebhookSecrets secrets)
    {
        row[Secret] = cipher.Seal(secrets.Current, Context(endpointId, Secret));
        row[PreviousSecret] = cipher.Seal(secrets.Previous, Context(endpointId, PreviousSecret));
        row[PreviousSecretExpiresAt] = secrets.PreviousExpiresAt?.ToDateTimeOffset();
    }

    /// <summary>What a sealed secret is bound to: its endpoint and property, so it opens in no other row or property.</summary>
    private static string Context(string endpointId, string property) => $"{StorageNames.WebhookEndpointsTable}|{endpointId}|{property}";
}
