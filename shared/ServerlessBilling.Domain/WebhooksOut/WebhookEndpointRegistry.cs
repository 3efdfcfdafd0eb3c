using System.Security.Cryptography;
using NodaTime;
using ServerlessBilling.Paging;
using ServerlessBilling.Usage;

namespace ServerlessBilling.WebhooksOut;

/// <summary>Registers, changes and lists endpoints, and issues their secrets (shown once).</summary>
public sealed class WebhookEndpointRegistry(IWebhookEndpoints endpoints, IWebhookTargetCheck targets, WebhookDeliveryOptions options, IClock clock)
{
    /// <summary>Registers an endpoint (enabled unless the change says otherwise) with a new secret.</summary>
    public async Task<Outcome<WebhookEndpointWithSecret>> CreateAsync(WebhookEndpointChange change, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(change, creating: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        var endpoint = new WebhookEndpoint(
            "we_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)), change.Url!, [.. change.EventTypes!.Distinct()], change.Description,
            change.Enabled ?? true, clock.GetCurrentInstant());
        var secret = WebhookSignature.NewSecret();
        await endpoints.AddAsync(endpoint, new WebhookSecrets(secret), cancellationToken);
        return new WebhookEndpointWithSecret(endpoint, secret, null);
    }

    /// <summary>Changes the fields given; enabling an endpoint clears what the service recorded when it disabled it.</summary>
    public async Task<Outcome<WebhookEndpoint>> UpdateAsync(string endpointId, WebhookEndpointChange change, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(change, creating: false, cancellationToken) is { } refused)
        {
            return refused;
        }

        var updated = await endpoints.UpdateAsync(endpointId, endpoint => Apply(endpoint, change), cancellationToken);
        return updated is null ? NotFound(endpointId) : updated;
    }

    /// <summary>Issues a new secret; the previous one keeps signing (as a second signature) for <see cref="WebhookDeliveryOptions.RotationGrace"/>.</summary>
    public async Task<Outcome<WebhookEndpointWithSecret>> RotateSecretAsync(string endpointId, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        if (await endpoints.FindSecretsAsync(endpointId, cancellationToken) is not { } secrets)
        {
            return NotFound(endpointId);
        }

        var next = WebhookSignature.NewSecret();
        var expires = now + options.RotationGrace;
        await endpoints.SetSecretsAsync(endpointId, secrets.RotateTo(next, expires), cancellationToken);
        var endpoint = await endpoints.UpdateAsync(endpointId, e => e with { SecretRotatedAt = now }, cancellationToken);
        return endpoint is null ? NotFound(endpointId) : new WebhookEndpointWithSecret(endpoint, next, expires);
    }

    /// <summary>Removes the endpoint and its secrets; answers it as it was. Its pending deliveries are abandoned at their next
    /// attempt, and its delivery log stays readable.</summary>
    public async Task<Outcome<WebhookEndpoint>> DeleteAsync(string endpointId, CancellationToken cancellationToken) =>
        await endpoints.FindAsync(endpointId, cancellationToken) is { } endpoint && await endpoints.DeleteAsync(endpointId, cancellationToken)
            ? endpoint
            : NotFound(endpointId);

    public async Task<Outcome<WebhookEndpoint>> GetAsync(string endpointId, CancellationToken cancellationToken) =>
        await endpoints.FindAsync(endpointId, cancellationToken) is { } endpoint ? endpoint : NotFound(endpointId);

    public Task<ListPage<WebhookEndpoint>> ListAsync(PageRequest page, CancellationToken cancellationToken) => endpoints.ListPageAsync(page, cancellationToken);

    internal static Problem NotFound(string endpointId) => Problem.NotFound($"Webhook endpoint '{endpointId}'");

    private static WebhookEndpoint Apply(WebhookEndpoint endpoint, WebhookEndpointChange change)
    {
        var changed = endpoint with
        {
            Url = change.Url ?? endpoint.Url,
            EventTypes = change.EventTypes is { } types ? [.. types.Distinct()] : endpoint.EventTypes,
            Description = change.Description ?? endpoint.Description,
            Enabled = change.Enabled ?? endpoint.Enabled,
        };
        return change.Enabled == true ? changed with { DisabledAt = null, DisabledReason = null, FailingSince = null } : changed;
    }

    private async Task<Problem?> RefusalAsync(WebhookEndpointChange change, bool creating, CancellationToken cancellationToken)
    {
        const string Title = "The webhook endpoint is not valid";
        var problems = WebhookEndpointValidator.Validate(change, creating, allowHttp: options.AllowPrivateTargets);
        if (problems.Count > 0)
        {
            return Problem.Invalid(Title, problems);
        }

        return change.Url is not null && await targets.RefusalAsync(new Uri(change.Url), cancellationToken) is { } reason
            ? Problem.Invalid(Title, new RecordProblem("url", $"must reach a public address: the host is {reason}"))
            : null;
    }
}
