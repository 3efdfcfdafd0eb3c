using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace ServerlessBilling.Telemetry;

/// <summary>One trace per invoice: its draft, number, rendering, collection, charges and dunning steps are spans of a trace whose
/// id is computed from the invoice id, so activities that run days apart on different instances join it without carrying context.</summary>
/// <remarks>
/// Spans come from activities, never from orchestrator code: an orchestrator replays its history on every wake-up and would
/// emit the same span again each time, while an activity runs once per attempt. The activity's own invocation (the Functions
/// host's span) is linked, so either can be found from the other.
/// </remarks>
public static class InvoiceTrace
{
    /// <summary>The W3C trace id of <paramref name="invoiceId"/>'s trace, as searched for in a tracing backend.</summary>
    public static ActivityTraceId TraceIdOf(string invoiceId) => ActivityTraceId.CreateFromBytes(Hash(invoiceId).AsSpan(0, 16));

    /// <summary>Starts a span of the invoice's trace; null when nothing listens.</summary>
    /// <param name="startedAt">When the work began, for a span started once its invoice id is known (a draft).</param>
    public static Activity? Start(string step, string invoiceId, string? accountId, DateTimeOffset startedAt = default)
    {
        var hash = Hash(invoiceId);
        var root = new ActivityContext(
            ActivityTraceId.CreateFromBytes(hash.AsSpan(0, 16)), ActivitySpanId.CreateFromBytes(hash.AsSpan(16, 8)), ActivityTraceFlags.Recorded, isRemote: true);
        ActivityLink[] links = Activity.Current is { } invocation ? [new ActivityLink(invocation.Context)] : [];
        var span = TelemetryNames.Source.StartActivity(step, ActivityKind.Internal, root, null, links, startedAt);
        span?.SetTag(TelemetryTags.Invoice, invoiceId);
        span?.SetTag(TelemetryTags.Account, accountId);
        return span;
    }

    /// <summary>Marks the span failed with the exception's type (never its message, which may carry a payload).</summary>
    public static void Failed(this Activity? span, Exception exception)
    {
        span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
    }

    private static byte[] Hash(string invoiceId) => SHA256.HashData(Encoding.UTF8.GetBytes("invoice:" + invoiceId));
}
