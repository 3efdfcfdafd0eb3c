using System.Text.Json;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Usage;

/// <summary>The body of a message on the rating queue: a batch of normalized events.</summary>
/// <param name="Batch">The CDR file lines the events were read from, so rating's outcome is counted in that file's manifest; null for webhooks.</param>
/// <param name="Id">A name the queue gives the message when it is sent, so its retries are known as the same delivery; null before.</param>
/// <param name="ReceivedOn">The UTC day the delivery arrived (a webhook's request, a CDR file's read), so rating counts its outcomes on
/// the day that counted the delivery, however late it is rated or retried; null in older messages (counted on the day they are rated).</param>
public sealed record RatingMessage(IReadOnlyList<UsageEvent> Events, CdrBatch? Batch = null, string? Id = null, NodaTime.LocalDate? ReceivedOn = null)
{
    /// <summary>The W3C <c>traceparent</c> of the span that queued the batch, so rating continues the call's trace; null when none was recorded.</summary>
    public string? TraceParent { get; init; }

    /// <summary>The saved read window (<see cref="ICdrWindows"/>) whose events the message stands for, so one message carries a whole
    /// window of a CDR file; <see cref="Events"/> is then empty. Null when the events are in the message.</summary>
    public string? Window { get; init; }

    /// <summary>What names this delivery across retries: the CDR lines it carries (a batch queued twice after a crash is the same
    /// delivery, <see cref="CdrBatch.DeliveryName"/>), else the message's id; null when it has neither.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? DeliveryName => Batch?.DeliveryName ?? Id;

    public string ToJson() => JsonSerializer.Serialize(this, BillingJson.Options);

    /// <summary>Reads a message body; a body that is not a rating message is a problem to quarantine, not an exception.</summary>
    public static bool TryParse(string body, out RatingMessage? message, out RecordProblem? problem)
    {
        message = null;
        problem = null;
        try
        {
            message = JsonSerializer.Deserialize<RatingMessage>(body, BillingJson.Options);
        }
        catch (JsonException e)
        {
            problem = new RecordProblem(e.Path ?? "$", e.Message);
            return false;
        }

        if (message?.Events is null)
        {
            problem = new RecordProblem("events", "is required");
            return false;
        }

        return true;
    }
}
