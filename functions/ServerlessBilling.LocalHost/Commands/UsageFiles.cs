using System.IO.Compression;
using System.Text.Json;
using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>Reads call files for the offline verbs: JSON lines of usage events (<c>events</c>) or any CDR drop format
/// (<c>asterisk</c>, <c>freeswitch</c>, <c>twilio-bulkexport</c>, <c>csv</c>; <c>.gz</c> is gunzipped), with times in the given zone.</summary>
/// <remarks>A line that cannot be read is reported with its line number; the rest is read.</remarks>
public static class UsageFiles
{
    public const string EventsFormat = "events";

    public static IEnumerable<UsageEvent> Read(string path, string format, DateTimeZone zone, TextWriter problems)
    {
        var layout = format == EventsFormat ? null : CdrDropPath.Parse($"{format}/{zone.Id}/{Path.GetFileName(path)}");
        if (layout?.Problem is { } invalid)
        {
            throw new ArgumentException($"--format: {invalid}", nameof(format));
        }

        Stream file = File.OpenRead(path);
        using var reader = new StreamReader(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file);
        var lines = layout is null ? ReadEvents(reader) : layout.ReadLines(reader, PhoneRegion.Default);
        foreach (var line in lines)
        {
            if (line.Event is null)
            {
                problems.WriteLine($"{path}#L{line.LineNumber}: {line.Problem}");
                continue;
            }

            yield return line.Event;
        }
    }

    public static string FormatOf(string path, string? format) =>
        format ?? (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? CdrFormat.Asterisk : EventsFormat);

    private static IEnumerable<CdrLine> ReadEvents(TextReader reader)
    {
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            UsageEvent? usage = null;
            RecordProblem? problem = null;
            try
            {
                usage = JsonSerializer.Deserialize<UsageEvent>(line, BillingJson.Options);
            }
            catch (JsonException e)
            {
                problem = new RecordProblem(e.Path ?? "$", e.Message);
            }

            yield return new CdrLine(lineNumber, line, usage, usage is null ? problem ?? new RecordProblem("$", "is empty") : null);
        }
    }
}
