using System.Text;
using System.Text.Json;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;
using ServerlessBilling.Usage.UsageEvents;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>Reads a JSON line of an <c>events</c> file in either documented shape: the <c>/webhooks/events</c> body (<c>id</c>,
/// <c>cost</c>, <c>currency</c>; one event or <c>{"events": [...]}</c>), read by the webhook's own parser, or a stored usage event
/// (<c>eventId</c>, <c>upstreamCost</c>).</summary>
/// <remarks>A usage event without <c>answered</c> is answered when it has seconds, as the webhook reads it, so a line never bills
/// 0 by omission; a missing or impossible field makes the line a problem naming the field.</remarks>
public static class EventLines
{
    private static readonly string[] Required = ["eventId", "startedAt", "durationSeconds", "direction", "from", "to", "component"];

    public static IEnumerable<CdrLine> Read(long lineNumber, string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return [CdrLine.Bad(lineNumber, line, new RecordProblem("$", $"is not JSON ({e.Message})"))];
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [CdrLine.Bad(lineNumber, line, new RecordProblem("$", "must be a JSON object"))];
            }

            if (!Has(document.RootElement, "eventId"))
            {
                var content = UsageEventBatch.Parse(Encoding.UTF8.GetBytes(line), PhoneRegion.Default);
                return content.Problem is { } problem
                    ? [CdrLine.Bad(lineNumber, line, problem)]
                    : content.Events.Select(e => CdrLine.Usage(lineNumber, line, e)).ToList();
            }

            var read = ReadUsageEvent(document.RootElement, line);
            return [read.Event is { } usage ? CdrLine.Usage(lineNumber, line, usage) : CdrLine.Bad(lineNumber, line, read.Problem!)];
        }
    }

    private static (UsageEvent? Event, RecordProblem? Problem) ReadUsageEvent(JsonElement root, string line)
    {
        if (Required.FirstOrDefault(name => !Has(root, name)) is { } missing)
        {
            return (null, new RecordProblem(missing, "is required"));
        }

        UsageEvent usage;
        try
        {
            usage = JsonSerializer.Deserialize<UsageEvent>(line, BillingJson.Options)!;
        }
        catch (JsonException e)
        {
            return (null, new RecordProblem(e.Path?.TrimStart('$', '.') is { Length: > 0 } field ? field : "$", "has a value that cannot be read"));
        }

        if (usage.DurationSeconds < 0)
        {
            return (null, new RecordProblem("durationSeconds", "must be a non-negative number of seconds"));
        }

        var answered = Property(root, "answered") is { ValueKind: JsonValueKind.True or JsonValueKind.False } given
            ? given.GetBoolean()
            : usage.DurationSeconds > 0;
        return (usage with
        {
            Source = usage.Source ?? "file",
            SourceRecordId = usage.SourceRecordId ?? usage.EventId,
            Answered = answered,
            DurationSeconds = answered ? usage.DurationSeconds : 0,
        }, null);
    }

    private static bool Has(JsonElement root, string name) => Property(root, name) is { ValueKind: not JsonValueKind.Null };

    // Property names are matched as the serializer matches them: ignoring case.
    private static JsonElement? Property(JsonElement root, string name)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
