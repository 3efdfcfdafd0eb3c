using System.Security.Cryptography;
using System.Text.RegularExpressions;
using NodaTime;

namespace ServerlessBilling.Usage.Webhooks;

/// <summary>Receives one vendor's webhook: verify the signature and its timestamp, archive the raw payload, parse it, hand the usage to rating.</summary>
/// <remarks>
/// Nothing is stored for a delivery that fails verification or is stale, beyond one count. Everything verified is
/// archived first, malformed payloads included, so a rejected delivery can still be traced and replayed. Rating
/// happens in the queue; redeliveries are harmless because every event id is stable and the usage ledger records
/// each id once. Each delivery's counts go to the source's counters for the day. Deliveries arriving together share one rating
/// message and one counter increment (<see cref="WebhookHandoff"/>); each is answered only once the writes carrying it are durable.
/// </remarks>
public sealed partial class WebhookIntake<TSource>(
    TSource source, WebhookTolerance tolerance, PhoneRegion region, IRawArchive archive, WebhookHandoff handoff, TimeProvider clock)
    where TSource : IWebhookSource
{
    public TSource Source => source;

    /// <returns>The receipt, or why the delivery was refused: unauthorized (nothing stored), invalid naming the field and
    /// the archived payload, or too large (a batch over the source's limit, archived).</returns>
    public async Task<Outcome<WebhookReceipt>> ReceiveAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var day = Today(); // one day for the delivery's count and its message, which rating counts its outcomes on
        var (outcome, events) = await HandleAsync(delivery, cancellationToken);
        var status = outcome.TryGetValue(out var receipt) ? receipt.Status : (WebhookStatus?)null;
        var counts = new IngestCounts(
            Received: 1,
            Accepted: status == WebhookStatus.Accepted ? 1 : 0,
            Ignored: status == WebhookStatus.Ignored ? 1 : 0,
            Rejected: status is null ? 1 : 0,
            Queued: events.Count,
            Components: events.Sum(e => e.ByComponent().Count()));
        await handoff.HandOffAsync(source.Name, day, events, counts, cancellationToken);
        return outcome;
    }

    private async Task<(Outcome<WebhookReceipt> Outcome, IReadOnlyList<UsageEvent> Events)> HandleAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var verification = source.Verify(delivery);
        if (!verification.IsAuthentic || IsStale(verification.SignedAt))
        {
            return (Problem.Unauthorized($"The {source.Name} signature does not verify or its timestamp is outside the accepted window"), []);
        }

        var content = source.Parse(delivery, region);
        var archivedAs = await archive.ArchiveAsync(source.Name, ArchiveName(content.Reference, delivery.Body, source.ContentType), delivery.Body, source.ContentType, cancellationToken);
        if (content.Problem is { } problem)
        {
            return (content.TooLarge
                ? Problem.TooLarge(problem.ToString())
                : Problem.Invalid($"The {source.Name} payload archived as {archivedAs} is malformed", problem), []);
        }

        var events = await source.CollectAsync(content, cancellationToken);
        if (events.Count == 0)
        {
            return (new WebhookReceipt(WebhookStatus.Ignored, archivedAs), []);
        }

        return (new WebhookReceipt(WebhookStatus.Accepted, archivedAs), events);
    }

    private LocalDate Today() => Instant.FromDateTimeOffset(clock.GetUtcNow()).InUtc().Date;

    private bool IsStale(Instant? signedAt)
    {
        if (signedAt is not { } at)
        {
            return false;
        }

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        return Duration.Max(at - now, now - at) > tolerance.MaxSkew;
    }

    /// <summary>A redelivery of the same payload lands on the same name; the content hash keeps different payloads about one call apart.</summary>
    private static string ArchiveName(string? reference, ReadOnlyMemory<byte> body, string contentType)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(body.Span))[..12];
        var extension = contentType.EndsWith("json", StringComparison.Ordinal) ? "json" : "form";
        return reference is null ? $"{hash}.{extension}" : $"{UnsafeNameCharacters().Replace(reference, "_")}-{hash}.{extension}";
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeNameCharacters();
}
