using System.Diagnostics;
using System.Text.Json;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Telemetry;

/// <summary>Carries the W3C trace context of the webhook or CDR read that queued a batch across the rating queue, so a call's
/// trace runs from its delivery to its rated usage row.</summary>
/// <remarks>The context travels in the message body (<see cref="RatingMessage.TraceParent"/>): queue messages have no headers.
/// The rating span is a child of the sender's span and also links to it, as a consumer of a batch does.</remarks>
public static class RatingTrace
{
    /// <summary>The message with the current span's context, unless it already carries one (a re-send keeps the original).</summary>
    public static RatingMessage Stamped(RatingMessage message) =>
        message.TraceParent is null && Activity.Current is { IdFormat: ActivityIdFormat.W3C } current
            ? message with { TraceParent = current.Id }
            : message;

    /// <summary>Starts the span that rates a message body, in the sender's trace when the body carries one.</summary>
    public static Activity? StartRating(string body)
    {
        var parent = ParentOf(body);
        ActivityLink[] links = parent is { } p ? [new ActivityLink(p)] : [];
        return TelemetryNames.Source.StartActivity("rate usage", ActivityKind.Consumer, parent ?? default, null, links);
    }

    private static ActivityContext? ParentOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("traceParent", out var value)
                && value.ValueKind == JsonValueKind.String
                && ActivityContext.TryParse(value.GetString(), null, isRemote: true, out var context)
                ? context
                : null;
        }
        catch (JsonException)
        {
            return null; // an unreadable body is quarantined by rating; its span starts a trace of its own
        }
    }
}
