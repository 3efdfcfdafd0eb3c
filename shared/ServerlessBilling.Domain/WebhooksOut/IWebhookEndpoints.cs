using ServerlessBilling.Paging;

namespace ServerlessBilling.WebhooksOut;

/// <summary>The registered endpoints and their signing secrets.</summary>
public interface IWebhookEndpoints
{
    /// <summary>Stores a new endpoint with its first secret; throws when the id is taken (ids are random).</summary>
    Task AddAsync(WebhookEndpoint endpoint, WebhookSecrets secrets, CancellationToken cancellationToken);

    /// <summary>The endpoint, or null when there is none with the id.</summary>
    Task<WebhookEndpoint?> FindAsync(string endpointId, CancellationToken cancellationToken);

    /// <summary>The endpoint's secrets, or null when there is no endpoint with the id.</summary>
    Task<WebhookSecrets?> FindSecretsAsync(string endpointId, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the stored endpoint, again on a concurrent write, and returns the result;
    /// null when there is no endpoint with the id.</summary>
    Task<WebhookEndpoint?> UpdateAsync(string endpointId, Func<WebhookEndpoint, WebhookEndpoint> change, CancellationToken cancellationToken);

    /// <summary>Replaces the endpoint's secrets, leaving the endpoint as it is.</summary>
    Task SetSecretsAsync(string endpointId, WebhookSecrets secrets, CancellationToken cancellationToken);

    /// <summary>Removes the endpoint with its secrets; false when there was none with the id.</summary>
    Task<bool> DeleteAsync(string endpointId, CancellationToken cancellationToken);

    /// <summary>One page of all endpoints, in id order.</summary>
    Task<ListPage<WebhookEndpoint>> ListPageAsync(PageRequest page, CancellationToken cancellationToken);

    /// <summary>Every enabled endpoint, for fanning an event out (a reseller registers a handful, not thousands).</summary>
    Task<IReadOnlyList<WebhookEndpoint>> ListEnabledAsync(CancellationToken cancellationToken);
}
