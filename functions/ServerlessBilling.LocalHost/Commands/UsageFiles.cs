using System.IO.Compression;
using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>Reads call files for the offline verbs: JSON lines of usage events (<c>events</c>, in either shape <see cref="EventLines"/>
/// reads) or any CDR drop format (<c>asterisk</c>, <c>freeswitch</c>, <c>twilio-bulkexport</c>, <c>csv</c>; <c>.gz</c> is gunzipped),
/// with times in the given zone.</summary>
/// <remarks>Every line is returned: its usage, or the problem naming the field at fault, so one bad line never stops the file.</remarks>
public static class UsageFiles
{
    public const string EventsFormat = "events";

    public static IEnumerable<CdrLine> Read(string path, string format, DateTimeZone zone)
    {
        var layout = format == EventsFormat ? null : CdrDropPath.Parse($"{format}/{zone.Id}/{Path.GetFileName(path)}");
        if (layout?.Problem is { } invalid)
        {
            throw new ArgumentException($"--input-format: {invalid}", nameof(format));
        }

        Stream file = File.OpenRead(path);
        using var reader = new StreamReader(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file);
        foreach (var line in layout is null ? ReadEvents(reader) : layout.ReadLines(reader, PhoneRegion.Default))
        {
            yield return line;
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
            if (line.Trim().Length == 0)
            {
                continue;
            }

            foreach (var read in EventLines.Read(lineNumber, line))
            {
                yield return read;
            }
        }
    }
}
