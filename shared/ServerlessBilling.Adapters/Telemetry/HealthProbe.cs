using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using NodaTime;
using ServerlessBilling.Paging;
using ServerlessBilling.Payments;
using ServerlessBilling.Payments.AuthorizeNet;
using ServerlessBilling.Storage;
using ServerlessBilling.Tax;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Telemetry;

/// <summary>Takes a <see cref="HealthReport"/>: the rating queue and its poison queue, the tax tables' freshness, the gateways'
/// credentials and the outbound webhook endpoints that fail or were disabled.</summary>
/// <remarks>A storage failure is an answer (unreachable), not an exception: a health check must answer when things are broken.</remarks>
public sealed class HealthProbe(
    QueueServiceClient queues,
    TaxTableFreshness freshness,
    IWebhookEndpoints webhookEndpoints,
    IOptions<StripeSettings> stripe,
    IOptions<AuthorizeNetSettings> authorizeNet,
    TimeProvider clock)
{
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        long? depth = null, poison = null;
        double? oldest = null;
        var reachable = true;
        try
        {
            var rating = queues.GetQueueClient(StorageNames.RatingQueue);
            depth = (await rating.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
            poison = (await queues.GetQueueClient(StorageNames.RatingQueue + "-poison").GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
            var peeked = (await rating.PeekMessagesAsync(1, cancellationToken)).Value;
            if (peeked is [{ InsertedOn: { } inserted }, ..])
            {
                oldest = Math.Max(0, (clock.GetUtcNow() - inserted).TotalSeconds);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // A queue not created yet (poison appears with its first message) holds nothing.
            poison ??= 0;
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException or TimeoutException)
        {
            reachable = false;
        }

        var (failing, disabled) = reachable ? await WebhookEndpointsAsync(cancellationToken) : (null, null);
        return new HealthReport(HealthReport.Healthy, reachable, depth, poison, oldest, await TaxDaysAsync(cancellationToken), Gateways())
        {
            FailingWebhookEndpoints = failing,
            DisabledWebhookEndpoints = disabled,
        }.Judged();
    }

    /// <remarks>Pages through every endpoint: a reseller registers a handful, and the sampler asks once a minute.</remarks>
    private async Task<(IReadOnlyList<string>? Failing, IReadOnlyList<string>? Disabled)> WebhookEndpointsAsync(CancellationToken cancellationToken)
    {
        try
        {
            List<string> failing = [], disabled = [];
            var page = PageRequest.First(PageRequest.MaxLimit);
            while (true)
            {
                var endpoints = await webhookEndpoints.ListPageAsync(page, cancellationToken);
                failing.AddRange(endpoints.Items.Where(e => e is { Enabled: true, FailingSince: not null }).Select(e => e.Id));
                disabled.AddRange(endpoints.Items.Where(e => e is { Enabled: false, DisabledAt: not null }).Select(e => e.Id));
                if (!endpoints.HasMore)
                {
                    return (failing, disabled);
                }

                page = page with { ContinuationToken = endpoints.ContinuationToken };
            }
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException)
        {
            return (null, null);
        }
    }

    private async Task<long?> TaxDaysAsync(CancellationToken cancellationToken)
    {
        try
        {
            var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InUtc().Date;
            var expiring = await freshness.CheckAsync(today, cancellationToken);
            return expiring.Count == 0
                ? freshness.HorizonDays
                : expiring.Min(rule => (long)Period.Between(today, rule.CoveredUntil, PeriodUnits.Days).Days);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException)
        {
            return null;
        }
    }

    private List<string> Gateways()
    {
        var configured = new List<string>();
        if (!string.IsNullOrWhiteSpace(stripe.Value.SecretKey))
        {
            configured.Add("stripe");
        }

        if (!string.IsNullOrWhiteSpace(authorizeNet.Value.ApiLoginId) && !string.IsNullOrWhiteSpace(authorizeNet.Value.TransactionKey))
        {
            configured.Add("authorizenet");
        }

        return configured;
    }
}
