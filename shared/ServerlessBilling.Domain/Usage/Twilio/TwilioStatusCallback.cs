using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace ServerlessBilling.Usage.Twilio;

/// <summary>Turns a Twilio voice status callback (form fields) into usage.</summary>
/// <remarks>
/// Only terminal statuses carry usage. <c>completed</c> is a connected call billed on <c>CallDuration</c>
/// (seconds; <c>Duration</c> is Twilio's own rounded minutes and is ignored). <c>busy</c>, <c>no-answer</c>,
/// <c>failed</c> and <c>canceled</c> never connected and become unanswered events, so a plan can still
/// charge an attempt fee. Progress statuses (<c>ringing</c>, <c>in-progress</c>...) are acknowledged and skipped.
/// The start is <c>Timestamp</c> (when the final event fired, RFC 2822, UTC) minus <c>CallDuration</c>.
/// Each CallSid is one leg, billed on its own, as Twilio bills it.
/// </remarks>
public static partial class TwilioStatusCallback
{
    public const string Source = "twilio";

    private static readonly HashSet<string> NeverConnected = new(StringComparer.Ordinal) { "busy", "no-answer", "failed", "canceled" };
    private static readonly HashSet<string> InProgress = new(StringComparer.Ordinal) { "queued", "initiated", "ringing", "in-progress" };

    /// <returns>The call's usage; null when the callback carries nothing billable (a progress status); or the field at fault.</returns>
    public static Outcome<UsageEvent?> Parse(IReadOnlyDictionary<string, string> form, PhoneRegion region)
    {
        if (!form.TryGetValue("CallSid", out var callSid) || string.IsNullOrWhiteSpace(callSid))
        {
            return Invalid(new RecordProblem("CallSid", "is required"));
        }

        var status = form.GetValueOrDefault("CallStatus");
        if (status is null)
        {
            return Invalid(new RecordProblem("CallStatus", "is required"));
        }

        if (InProgress.Contains(status))
        {
            return Outcome<UsageEvent?>.Success(null);
        }

        var answered = status == "completed";
        if (!answered && !NeverConnected.Contains(status))
        {
            return Invalid(new RecordProblem("CallStatus", $"'{status}' is not a Twilio call status"));
        }

        var seconds = 0;
        if (answered && !int.TryParse(form.GetValueOrDefault("CallDuration"), NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
        {
            return Invalid(new RecordProblem("CallDuration", "must be a whole number of seconds on a completed call"));
        }

        if (!TryParseRfc2822(form.GetValueOrDefault("Timestamp"), out var endedAt))
        {
            return Invalid(new RecordProblem("Timestamp", "must be an RFC 2822 date such as 'Tue, 14 Nov 2023 22:15:42 +0000'"));
        }

        var direction = form.GetValueOrDefault("Direction") switch
        {
            "inbound" => CallDirection.Inbound,
            "outbound-api" or "outbound-dial" => CallDirection.Outbound,
            _ => (CallDirection?)null,
        };
        if (direction is null)
        {
            return Invalid(new RecordProblem("Direction", "must be inbound, outbound-api or outbound-dial"));
        }

        var from = form.GetValueOrDefault("From");
        var to = form.GetValueOrDefault("To");
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
        {
            return Invalid(new RecordProblem(string.IsNullOrWhiteSpace(from) ? "From" : "To", "is required"));
        }

        var usage = new UsageEvent(
            EventId: $"{Source}-{callSid}",
            Source: Source,
            SourceRecordId: callSid,
            StartedAt: endedAt - Duration.FromSeconds(seconds),
            DurationSeconds: seconds,
            Direction: direction.Value,
            From: PhoneNumbers.ToE164(from, region),
            To: PhoneNumbers.ToE164(to, region),
            Component: UsageComponent.Telephony,
            Answered: answered,
            Attributes: form.GetValueOrDefault("AccountSid") is { Length: > 0 } accountSid
                ? new Dictionary<string, string>(StringComparer.Ordinal) { [UsageEvent.VendorAccountAttribute] = accountSid }
                : null,
            EndedAt: endedAt);
        return usage;
    }

    private static readonly string[] Rfc2822Formats = ["ddd, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz"];

    private static bool TryParseRfc2822(string? text, out Instant instant)
    {
        instant = default;
        if (text is null)
        {
            return false;
        }

        // .NET's "zzz" wants "+00:00"; RFC 2822 writes "+0000" (or the obsolete "GMT").
        var normalized = NumericZone().Replace(text.Trim().Replace(" GMT", " +0000", StringComparison.Ordinal), "$1:$2");
        if (!DateTimeOffset.TryParseExact(normalized, Rfc2822Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        instant = Instant.FromDateTimeOffset(parsed);
        return true;
    }

    private static Problem Invalid(RecordProblem field) => Problem.Invalid("The Twilio callback is malformed", field);

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$")]
    private static partial Regex NumericZone();
}
