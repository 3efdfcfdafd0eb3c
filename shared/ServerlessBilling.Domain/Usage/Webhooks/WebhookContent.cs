namespace ServerlessBilling.Usage.Webhooks;

/// <summary>What one verified delivery amounts to.</summary>
/// <param name="Reference">The vendor's id for the delivery (a call id and event type), used to name the archived payload; null when unreadable.</param>
/// <param name="Events">The usage it carries; empty when nothing is billable.</param>
/// <param name="Problem">The field at fault when the payload is malformed.</param>
/// <param name="TooLarge">True when a batch holds more events than the source accepts.</param>
public sealed record WebhookContent(string? Reference, IReadOnlyList<UsageEvent> Events, RecordProblem? Problem = null, bool TooLarge = false)
{
    public static WebhookContent Usage(string reference, params UsageEvent[] events) => new(reference, events);

    public static WebhookContent Usage(string reference, IReadOnlyList<UsageEvent> events) => new(reference, events);

    public static WebhookContent NotBillable(string? reference) => new(reference, []);

    public static WebhookContent Invalid(RecordProblem problem, string? reference = null) => new(reference, [], problem);

    public static WebhookContent OverLimit(RecordProblem problem) => new(null, [], problem, TooLarge: true);
}
