using System.Security.Cryptography;
using System.Text.RegularExpressions;
using NodaTime;

namespace ServerlessBilling.Usage.Webhooks;

/// <summary>Receives one vendor's webhook: verify the signature and its timestamp, archive the raw payload, parse it, hand the usage to rating.</summary>
/// <remarks>
/// Nothing is stored for a delivery that fails verification or is stale, beyond one count. Everything verified is
/// archived before it is answered, malformed payloads included, so a rejected delivery can still be traced and replayed. Rating
/// happens in the queue; redeliveries are harmless because every event id is stable and the usage ledger records
/// each id once. Each delivery's counts go to the source's counters for the day: with the payload, in the same write, when the
/// archive can (<see cref="IRawArchive.CountsDeliveries"/>, after the events were queued), else by the handoff's increment after
/// the archive. Deliveries arriving together share one rating message (<see cref="WebhookHandoff"/>); each is answered only once
/// the writes carrying it are durable.
/// </remarks>
public sealed partial class WebhookIntake<TSource>(
    TSource source, WebhookTolerance tolerance, PhoneRegion region, IRawArchive archive, WebhookHandoff handoff, TimeProvider clock,
    WritePriority? priority = null)
    where TSource : IWebhookSource
{
    public TSource Source => source;

    /// <returns>The receipt, or why the delivery was refused: unauthorized (nothing stored), invalid naming the field and
    /// the archived payload, or too large (a batch over the source's limit, archived).</returns>
    public async Task<Outcome<WebhookReceipt>> ReceiveAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var day = Today(); // one day for the delivery's count and its message, which rating counts its outcomes on
        using var waiting = priority?.DeliveryWaiting(); // rating's bulk writes make way meanwhile
        if (archive.CountsDeliveries)
        {
            return await ReceiveCountedAsync(delivery, day, cancellationToken);
        }

        var (outcome, events) = await HandleAsync(delivery, cancellationToken);
        var status = outcome.TryGetValue(out var receipt) ? receipt.Status : (WebhookStatus?)null;
        await handoff.HandOffAsync(source.Name, day, events, Counts(status, events), cancellationToken);
        return outcome;
    }

    /// <summary>With an archive that counts deliveries: the events are queued first, then the payload and the delivery's counts are
    /// written together, so a verified delivery is acknowledged after two writes (each shared with the deliveries beside it) instead of
    /// four, and is counted exactly when it is acknowledged.</summary>
    /// <remarks>Queued before it is archived, not after: a put that failed, or whose answer was lost, then leaves the delivery neither
    /// archived nor counted and the vendor redelivers it (its events, if stored, are rated once: event identities); archived and counted
    /// first, a failed put would leave a delivery counted that was never acknowledged. What the order gives up: the events of a delivery
    /// whose archive write then failed are rated before their payload is archived, which the vendor's redelivery does.</remarks>
    private async Task<Outcome<WebhookReceipt>> ReceiveCountedAsync(WebhookDelivery delivery, LocalDate day, CancellationToken cancellationToken)
    {
        var verification = source.Verify(delivery);
        if (!verification.IsAuthentic || IsStale(verification.SignedAt))
        {
            await handoff.HandOffAsync(source.Name, day, [], Counts(null, []), cancellationToken); // nothing is archived for these
            return Unauthorized();
        }

        var content = source.Parse(delivery, region);
        var name = ArchiveName(content.Reference, delivery.Body, source.ContentType);
        if (content.Problem is { } problem)
        {
            var (malformed, malformedCounted) = await archive.ArchiveCountedAsync(source.Name, day, name, delivery.Body, source.ContentType, Counts(null, []), cancellationToken);
            if (!malformedCounted)
            {
                await handoff.HandOffAsync(source.Name, day, [], Counts(null, []), cancellationToken);
            }

            return Refused(content, problem, malformed);
        }

        var events = await source.CollectAsync(content, cancellationToken);
        var status = events.Count == 0 ? WebhookStatus.Ignored : WebhookStatus.Accepted;
        if (events.Count > 0)
        {
            await handoff.HandOffAsync(source.Name, day, events, IngestCounts.None, cancellationToken);
        }

        var (archivedAs, counted) = await archive.ArchiveCountedAsync(source.Name, day, name, delivery.Body, source.ContentType, Counts(status, events), cancellationToken);
        if (!counted)
        {
            await handoff.HandOffAsync(source.Name, day, [], Counts(status, events), cancellationToken);
        }

        return new WebhookReceipt(status, archivedAs);
    }

    private static IngestCounts Counts(WebhookStatus? status, IReadOnlyList<UsageEvent> events) => new(
        Received: 1,
        Accepted: status == WebhookStatus.Accepted ? 1 : 0,
        Ignored: status == WebhookStatus.Ignored ? 1 : 0,
        Rejected: status is null ? 1 : 0,
        Queued: events.Count,
        Components: events.Sum(e => e.ByComponent().Count()));

    private Outcome<WebhookReceipt> Unauthorized() =>
        Problem.Unauthorized($"The {source.Name} signature does not verify or its timestamp is outside the accepted window");

    private Outcome<WebhookReceipt> Refused(WebhookContent content, RecordProblem problem, string archivedAs) => content.TooLarge
        ? Problem.TooLarge(problem.ToString())
        : Problem.Invalid($"The {source.Name} payload archived as {archivedAs} is malformed", problem);

    private async Task<(Outcome<WebhookReceipt> Outcome, IReadOnlyList<UsageEvent> Events)> HandleAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var verification = source.Verify(delivery);
        if (!verification.IsAuthentic || IsStale(verification.SignedAt))
        {
            return (Unauthorized(), []);
        }

        var content = source.Parse(delivery, region);
        var archivedAs = await archive.ArchiveAsync(source.Name, ArchiveName(content.Reference, delivery.Body, source.ContentType), delivery.Body, source.ContentType, cancellationToken);
        if (content.Problem is { } problem)
        {
            return (Refused(content, problem, archivedAs), []);
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
