using System.Globalization;
using System.Text.Json;
using NodaTime.Text;
using ServerlessBilling.Usage.Twilio;

namespace ServerlessBilling.Usage.Cdr;

/// <summary>Reads Twilio BulkExport call files: one JSON object per line, in the shape of the Call resource.</summary>
/// <remarks>
/// Times are ISO 8601 UTC (unlike the REST API's RFC 2822). <c>duration</c> is a string of seconds. <c>price</c> is a
/// negative decimal string in <c>price_unit</c> and may be absent; it becomes the upstream cost as a positive amount.
/// <c>busy</c>, <c>no-answer</c>, <c>failed</c> and <c>canceled</c> never connected and are kept as unanswered events
/// with zero seconds. The event id is the same as the status callback's (<c>twilio-{sid}</c>), so a call seen by
/// both the webhook and the export is billed once. <c>inbound</c> and <c>trunking-originating</c> (PSTN to your
/// trunk) are inbound; every other direction is outbound.
/// </remarks>
public static class TwilioBulkExport
{
    public const string Format = CdrFormat.TwilioBulkExport;

    private static readonly HashSet<string> NeverConnected = new(StringComparer.Ordinal) { "busy", "no-answer", "failed", "canceled" };
    private static readonly OffsetDateTimePattern IsoTime = OffsetDateTimePattern.ExtendedIso;

    public static IEnumerable<CdrLine> Read(TextReader reader, PhoneRegion region)
    {
        foreach (var (number, line) in CdrTextLines.Read(reader))
        {
            CdrLine parsed;
            try
            {
                using var json = JsonDocument.Parse(line);
                parsed = json.RootElement.ValueKind == JsonValueKind.Object
                    ? Parse(number, line, json.RootElement, region)
                    : CdrLine.Bad(number, line, new RecordProblem("line", "is not a JSON object"));
            }
            catch (JsonException e)
            {
                parsed = CdrLine.Bad(number, line, new RecordProblem("line", $"is not JSON: {e.Message}"));
            }

            yield return parsed;
        }
    }

    private static CdrLine Parse(long number, string line, JsonElement call, PhoneRegion region)
    {
        var sid = Text(call, "sid");
        if (string.IsNullOrEmpty(sid))
        {
            return CdrLine.Bad(number, line, new RecordProblem("sid", "is required"));
        }

        var status = Text(call, "status") ?? "";
        var answered = status == "completed";
        if (!answered && !NeverConnected.Contains(status))
        {
            return CdrLine.Bad(number, line, new RecordProblem("status", $"'{status}' is not a final call status"));
        }

        var startText = Text(call, "start_time") ?? Text(call, "date_created") ?? "";
        var start = IsoTime.Parse(startText);
        if (!start.Success)
        {
            return CdrLine.Bad(number, line, new RecordProblem("start_time", $"'{startText}' is not an ISO 8601 time such as 2024-11-14T22:14:19Z"));
        }

        var endText = Text(call, "end_time");
        var end = string.IsNullOrEmpty(endText) ? null : IsoTime.Parse(endText);
        if (end is { Success: false })
        {
            return CdrLine.Bad(number, line, new RecordProblem("end_time", $"'{endText}' is not an ISO 8601 time such as 2024-11-14T22:14:19Z"));
        }

        var seconds = 0;
        if (answered && !CdrFieldParsing.TryParseSeconds(Text(call, "duration") ?? "", out seconds))
        {
            return CdrLine.Bad(number, line, new RecordProblem("duration", "must be a whole number of seconds on a completed call"));
        }

        var (from, to) = (Text(call, "from") ?? "", Text(call, "to") ?? "");
        if (from.Length == 0 || to.Length == 0)
        {
            return CdrLine.Bad(number, line, new RecordProblem(from.Length == 0 ? "from" : "to", "is required"));
        }

        if (!TryReadPrice(call, out var cost, out var priceProblem))
        {
            return CdrLine.Bad(number, line, priceProblem!);
        }

        var direction = Text(call, "direction") is "inbound" or "trunking-originating" ? CallDirection.Inbound : CallDirection.Outbound;
        var usage = new UsageEvent(
            EventId: $"{TwilioStatusCallback.Source}-{sid}",
            Source: TwilioStatusCallback.Source,
            SourceRecordId: sid,
            StartedAt: start.Value.ToInstant(),
            DurationSeconds: seconds,
            Direction: direction,
            From: PhoneNumbers.ToE164(from, region),
            To: PhoneNumbers.ToE164(to, region),
            Component: UsageComponent.Telephony,
            Answered: answered,
            UpstreamCost: cost,
            Attributes: new Dictionary<string, string> { ["status"] = status },
            EndedAt: end?.Value.ToInstant());
        return CdrLine.Usage(number, line, usage);
    }

    private static bool TryReadPrice(JsonElement call, out Money? cost, out RecordProblem? problem)
    {
        cost = null;
        problem = null;
        var price = Text(call, "price");
        if (string.IsNullOrEmpty(price))
        {
            return true; // "may not be present" in exports
        }

        if (!decimal.TryParse(price, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            problem = new RecordProblem("price", $"'{price}' is not a decimal amount");
            return false;
        }

        var currency = Text(call, "price_unit");
        if (currency is not { Length: 3 })
        {
            problem = new RecordProblem("price_unit", "must be an ISO 4217 code when price is present");
            return false;
        }

        cost = new Money(Math.Abs(amount), currency.ToUpperInvariant());
        return true;
    }

    /// <summary>A string property; numbers are read as their text, since exports are not consistent about quoting them.</summary>
    private static string? Text(JsonElement call, string name) =>
        call.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
