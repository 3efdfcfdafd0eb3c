using ServerlessBilling.Paging;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Tests.WebhooksOut;

/// <summary>Endpoints as the table keeps them: each change applied under one lock, so concurrent changes all land.</summary>
public sealed class InMemoryWebhookEndpoints : IWebhookEndpoints
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (WebhookEndpoint Endpoint, WebhookSecrets Secrets)> rows = new(StringComparer.Ordinal);

    public Task AddAsync(WebhookEndpoint endpoint, WebhookSecrets secrets, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            rows.Add(endpoint.Id, (endpoint, secrets));
        }

        return Task.CompletedTask;
    }

    public Task<WebhookEndpoint?> FindAsync(string endpointId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(rows.TryGetValue(endpointId, out var row) ? row.Endpoint : null);
        }
    }

    public Task<WebhookSecrets?> FindSecretsAsync(string endpointId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(rows.TryGetValue(endpointId, out var row) ? row.Secrets : null);
        }
    }

    public Task<bool> DeleteAsync(string endpointId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(rows.Remove(endpointId));
        }
    }

    public Task<WebhookEndpoint?> UpdateAsync(string endpointId, Func<WebhookEndpoint, WebhookEndpoint> change, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!rows.TryGetValue(endpointId, out var row))
            {
                return Task.FromResult<WebhookEndpoint?>(null);
            }

            var changed = change(row.Endpoint);
            rows[endpointId] = (changed, row.Secrets);
            return Task.FromResult<WebhookEndpoint?>(changed);
        }
    }

    public Task SetSecretsAsync(string endpointId, WebhookSecrets secrets, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            rows[endpointId] = (rows[endpointId].Endpoint, secrets);
        }

        return Task.CompletedTask;
    }

    public Task<ListPage<WebhookEndpoint>> ListPageAsync(PageRequest page, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return InMemoryPages.OfAsync([.. rows.Values.Select(r => r.Endpoint)], e => e.Id, page);
        }
    }

    public Task<IReadOnlyList<WebhookEndpoint>> ListEnabledAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<WebhookEndpoint>>([.. rows.Values.Select(r => r.Endpoint).Where(e => e.Enabled).OrderBy(e => e.Id, StringComparer.Ordinal)]);
        }
    }
}
