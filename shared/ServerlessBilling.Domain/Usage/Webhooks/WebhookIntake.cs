using System.Security.Cryptography;
using System.Text.RegularExpressions;
using NodaTime;

namespace ServerlessBilling.Usage.Webhooks;

/// <summary>Receives one vendor's webhook: verify the signature and its timestamp, archive the raw payload, parse it, hand the usage to rating.</summary>
/// <remarks>
/// Nothing is stored for a delivery that fails verification or is stale, beyond one count. Everything verified is
/// archived, malformed payloads included, so a rejected delivery can still be traced and replayed; the archive write and the
/// handoff to rating run side by side, and the delivery is answered only once both succeeded. Rating
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
        var verification = source.Verify(delivery);
        if (!verification.IsAuthentic || IsStale(verification.SignedAt))
        {
            await handoff.HandOffAsync(source.Name, day, [], Counts(status: null, []), cancellationToken);
            return Problem.Unauthorized($"The {source.Name} signature does not verify or its timestamp is outside the accepted window");
        }

        // The payload's write and the events' handoff go at the same time and the delivery is answered once both are durable: in
        // series, an acknowledgement waited for two group commits one after the other. A failed archive write still fails the
        // delivery (the vendor redelivers; the events' identities make their second handoff harmless, as after a lost answer).
        var content = source.Parse(delivery, region);
        var archiving = archive.ArchiveAsync(source.Name, ArchiveName(content.Reference, delivery.Body, source.ContentType), delivery.Body, source.ContentType, cancellationToken);
        var handing = HandOffAsync(content, day, cancellationToken);
        await Task.WhenAll(archiving, handing);
        var (archivedAs, events) = (await archiving, await handing);
        if (content.Problem is { } problem)
        {
            return content.TooLarge
                ? Problem.TooLarge(problem.ToString())
                : Problem.Invalid($"The {source.Name} payload archived as {archivedAs} is malformed", problem);
        }

        return new WebhookReceipt(events.Count == 0 ? WebhookStatus.Ignored : WebhookStatus.Accepted, archivedAs);
    }

    private async Task<IReadOnlyList<UsageEvent>> HandOffAsync(WebhookContent content, LocalDate day, CancellationToken cancellationToken)
    {
        IReadOnlyList<UsageEvent> events = content.Problem is null ? await source.CollectAsync(content, cancellationToken) : [];
        WebhookStatus? status = content.Problem is not null ? null : events.Count == 0 ? WebhookStatus.Ignored : WebhookStatus.Accepted;
        await handoff.HandOffAsync(source.Name, day, events, Counts(status, events), cancellationToken);
        return events;
    }

    /// <param name="status">Null for a refused delivery.</param>
    private static IngestCounts Counts(WebhookStatus? status, IReadOnlyList<UsageEvent> events) => new(
        Received: 1,
        Accepted: status == WebhookStatus.Accepted ? 1 : 0,
        Ignored: status == WebhookStatus.Ignored ? 1 : 0,
        Rejected: status is null ? 1 : 0,
        Queued: events.Count,
        Components: events.Sum(e => e.ByComponent().Count()));

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
