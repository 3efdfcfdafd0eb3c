namespace ServerlessBilling.Usage.Webhooks;

/// <summary>One vendor's webhook: how its deliveries are authenticated and what they mean. <see cref="WebhookIntake{TSource}"/> does the rest.</summary>
/// <remarks>
/// <see cref="Verify"/> and <see cref="Parse"/> are pure, so each vendor's rules are tested without storage.
/// <see cref="CollectAsync"/> exists for a vendor that reports one call in several deliveries and must join them.
/// </remarks>
public interface IWebhookSource
{
    /// <summary>The source name: the archive folder, <see cref="UsageEvent.Source"/> and the event id prefix.</summary>
    string Name { get; }

    /// <summary>Larger bodies are refused with 413 before anything else happens.</summary>
    int MaxBodyBytes => WebhookLimits.DefaultMaxBodyBytes;

    /// <summary>The media type the raw payload is archived with.</summary>
    string ContentType => "application/json";

    /// <summary>Checks the signature over the exact bytes received; the timestamp it covers is checked by the intake.</summary>
    WebhookVerification Verify(WebhookDelivery delivery);

    /// <summary>What a verified delivery says: usage, nothing billable, or a problem naming the field.</summary>
    /// <param name="region">Where numbers written without a country code are read.</param>
    WebhookContent Parse(WebhookDelivery delivery, PhoneRegion region);

    /// <summary>The events ready to rate once the content is archived; most vendors deliver a call whole.</summary>
    Task<IReadOnlyList<UsageEvent>> CollectAsync(WebhookContent content, CancellationToken cancellationToken) =>
        Task.FromResult(content.Events);
}
