using NodaTime;
using ServerlessBilling.Events;

namespace ServerlessBilling.WebhooksOut;

/// <summary>Makes one attempt of a delivery: signs the stored body with the endpoint's valid secrets, POSTs it, logs the attempt,
/// and either completes the delivery, queues the next attempt on the retry schedule, or gives up; disables an endpoint that has
/// failed for <see cref="WebhookDeliveryOptions.DisableAfter"/>.</summary>
/// <remarks>At least once: the state is written after the POST, so a crash in between sends the same message (same
/// <c>webhook-id</c>) again when the queue message reappears.</remarks>
public sealed class WebhookDeliverer(
    IWebhookEndpoints endpoints, IWebhookDeliveries deliveries, IWebhookQueue queue, IWebhookSender sender, IOutbox outbox, WebhookDeliveryOptions options, IClock clock)
{
    /// <summary>The event type announcing that the service disabled an endpoint.</summary>
    public const string EndpointDisabled = "webhook_endpoint.disabled";

    /// <summary>Makes the attempt the message asks for, unless it was made already (a repeated message) or the delivery is over.</summary>
    /// <returns>The log line of the attempt; null when nothing was sent.</returns>
    public async Task<WebhookLogEntry?> DeliverAsync(WebhookAttempt message, CancellationToken cancellationToken)
    {
        var delivery = await deliveries.FindAsync(message.EndpointId, message.DeliveryId, cancellationToken);
        if (delivery is not { Status: WebhookDeliveryStatus.Pending } || delivery.Attempts + 1 != message.Attempt)
        {
            return null;
        }

        var endpoint = await endpoints.FindAsync(message.EndpointId, cancellationToken);
        if (endpoint is not { Enabled: true })
        {
            await deliveries.SetAsync(delivery with { Status = WebhookDeliveryStatus.Abandoned, NextAttemptAt = null, LastError = "The endpoint is disabled" }, cancellationToken);
            return null;
        }

        return await AttemptAsync(endpoint, delivery, manual: false, cancellationToken);
    }

    /// <summary>Sends a delivery once more, now, whatever became of it (an operator's redelivery). A delivery that was over
    /// (succeeded, exhausted, abandoned) gets this one attempt and no retries after it; one still being retried keeps its schedule.</summary>
    public async Task<Outcome<WebhookLogEntry>> RedeliverAsync(string endpointId, string deliveryId, CancellationToken cancellationToken)
    {
        if (await endpoints.FindAsync(endpointId, cancellationToken) is not { } endpoint)
        {
            return WebhookEndpointRegistry.NotFound(endpointId);
        }

        if (await deliveries.FindAsync(endpointId, deliveryId, cancellationToken) is not { } delivery)
        {
            return Problem.NotFound($"Delivery '{deliveryId}' of webhook endpoint '{endpointId}'");
        }

        return endpoint.Enabled
            ? await AttemptAsync(endpoint, delivery, manual: true, cancellationToken)
            : Problem.Conflict($"Webhook endpoint '{endpointId}' is disabled: enable it before redelivering");
    }

    private async Task<WebhookLogEntry> AttemptAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, bool manual, CancellationToken cancellationToken)
    {
        var secrets = await endpoints.FindSecretsAsync(endpoint.Id, cancellationToken)
            ?? throw new InvalidOperationException($"Webhook endpoint '{endpoint.Id}' has no secrets.");
        var sentAt = clock.GetCurrentInstant();
        var timestamp = sentAt.ToUnixTimeSeconds();
        var headers = new KeyValuePair<string, string>[]
        {
            new(WebhookSignature.IdHeader, delivery.MessageId),
            new(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(WebhookSignature.SignatureHeader, WebhookSignature.Header(secrets.SigningAt(sentAt), delivery.MessageId, timestamp, delivery.Body)),
        };
        var response = await sender.SendAsync(new Uri(endpoint.Url), headers, delivery.Body, cancellationToken);

        var attempt = delivery.Attempts + 1;
        // A delivery still on its schedule stays on it, whoever asked for the attempt; one that was over stays over.
        var onSchedule = delivery.Status == WebhookDeliveryStatus.Pending;
        var retryAfter = response.Succeeded || !onSchedule ? null : options.Schedule.DelayAfter(attempt, delivery.Id);
        var next = retryAfter is { } delay ? sentAt + delay : (Instant?)null;
        var status = response.Succeeded ? WebhookDeliveryStatus.Succeeded
            : next is not null ? WebhookDeliveryStatus.Pending
            : onSchedule ? WebhookDeliveryStatus.Exhausted
            : delivery.Status;
        await deliveries.SetAsync(
            delivery with
            {
                Status = status,
                Attempts = attempt,
                LastAttemptAt = sentAt,
                LastResponseCode = response.StatusCode,
                LastError = response.Failure,
                NextAttemptAt = next,
            },
            cancellationToken);
        var entry = new WebhookLogEntry(
            endpoint.Id, sentAt, delivery.Id, delivery.EventId, delivery.EventType, attempt,
            response.Succeeded ? WebhookLogEntry.Succeeded : WebhookLogEntry.Failed,
            response.StatusCode, (long)response.Latency.TotalMilliseconds, response.Failure, next, manual);
        await deliveries.AppendLogAsync(entry, cancellationToken);
        if (retryAfter is { } wait)
        {
            await queue.EnqueueAsync(new WebhookAttempt(endpoint.Id, delivery.Id, attempt + 1), wait, cancellationToken);
        }

        await RecordOnEndpointAsync(endpoint.Id, response, sentAt, cancellationToken);
        return entry;
    }

    private async Task RecordOnEndpointAsync(string endpointId, WebhookResponse response, Instant at, CancellationToken cancellationToken)
    {
        var disabledNow = false;
        var updated = await endpoints.UpdateAsync(
            endpointId,
            endpoint =>
            {
                var after = endpoint.AfterAttempt(response.Succeeded, at);
                disabledNow = after is { Enabled: true, FailingSince: { } since } && at - since >= options.DisableAfter;
                return disabledNow
                    ? after with { Enabled = false, DisabledAt = at, DisabledReason = $"Every delivery failed for {options.DisableAfter.TotalDays:0.##} days (since {after.FailingSince})" }
                    : after;
            },
            cancellationToken);
        if (disabledNow && updated is { DisabledAt: { } disabledAt })
        {
            await outbox.AddAsync(
                DomainEvent.Create(EndpointDisabled, $"{endpointId}:{disabledAt.ToUnixTimeTicks()}", disabledAt, endpointId,
                    new { endpointId, url = updated.Url, failingSince = updated.FailingSince, reason = updated.DisabledReason }),
                cancellationToken);
            await deliveries.AppendLogAsync(
                new WebhookLogEntry(endpointId, disabledAt, null, null, null, 0, WebhookLogEntry.Notice, null, null,
                    $"Endpoint disabled: {updated.DisabledReason}. Pending deliveries are abandoned; enable it and redeliver them.", null),
                cancellationToken);
        }
    }
}
