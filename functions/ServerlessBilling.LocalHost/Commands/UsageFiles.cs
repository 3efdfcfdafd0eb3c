using System.Text.Json;
using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>Reads call files for the offline verbs: JSON lines of usage events (<c>events</c>) or an Asterisk Master.csv (<c>asterisk</c>).</summary>
public static class UsageFiles
{
    public static IEnumerable<UsageEvent> Read(string path, string format, DateTimeZone zone, TextWriter problems)
    {
        using var reader = new StreamReader(path);
        switch (format)
        {
            case "events":
                long lineNumber = 0;
                while (reader.ReadLine() is { } line)
                {
                    lineNumber++;
                    if (line.Length == 0)
                    {
                        continue;
                    }

                    UsageEvent? usage = null;
                    try
                    {
                        usage = JsonSerializer.Deserialize<UsageEvent>(line, BillingJson.Options);
                    }
                    catch (JsonException e)
                    {
                        problems.WriteLine($"{path}#L{lineNumber}: {e.Path}: {e.Message}");
                    }

                    if (usage is not null)
                    {
                        yield return usage;
                    }
                }

                break;
            case "asterisk":
                foreach (var line in AsteriskMasterCsv.Read(reader, AsteriskCdrOptions.Utc with { TimeZone = zone }))
                {
                    if (line.Event is null)
                    {
                        problems.WriteLine($"{path}#L{line.LineNumber}: {line.Problem}");
                        continue;
                    }

                    yield return line.Event;
                }

                break;
            default:
                throw new ArgumentException($"Unknown format '{format}': use events (JSON lines) or asterisk.", nameof(format));
        }
    }

    public static string FormatOf(string path, string? format) =>
        format ?? (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "asterisk" : "events");
}
