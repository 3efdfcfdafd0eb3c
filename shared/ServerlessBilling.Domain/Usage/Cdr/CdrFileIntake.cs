using NodaTime;

namespace ServerlessBilling.Usage.Cdr;

/// <summary>What a CDR file held: lines read, events queued, lines quarantined.</summary>
public sealed record CdrFileSummary(string File, long Lines, long Queued, long Quarantined);

/// <summary>Streams a CDR dump: good lines go to rating in batches, bad lines to quarantine with their line number; nothing stops the rest of the file.</summary>
/// <remarks>
/// The file's place in the drop container says how to read it: <c>asterisk/{IANA zone}/{file}</c>, e.g.
/// <c>asterisk/America/Chicago/Master.csv</c>; with no zone (<c>asterisk/Master.csv</c>) times are UTC.
/// Reading the same file twice queues the same event ids, which rating records once.
/// </remarks>
public sealed class CdrFileIntake(IRatingQueue ratingQueue, IQuarantine quarantine)
{
    /// <summary>Events per queue message: ~100 × 350 bytes stays well under the 64 KB message limit after Base64.</summary>
    public const int BatchSize = 100;

    public async Task<CdrFileSummary> IngestAsync(string blobName, Stream content, CancellationToken cancellationToken)
    {
        var layout = CdrDropPath.Parse(blobName);
        if (layout.Problem is not null)
        {
            await quarantine.PutAsync(new QuarantinedRecord("cdr", blobName, layout.Problem, string.Empty), cancellationToken);
            return new CdrFileSummary(blobName, 0, 0, 1);
        }

        using var reader = new StreamReader(content);
        var options = AsteriskCdrOptions.Utc with { TimeZone = layout.TimeZone! };
        var batch = new List<UsageEvent>(BatchSize);
        long lines = 0, queued = 0, quarantined = 0;
        foreach (var line in AsteriskMasterCsv.Read(reader, options))
        {
            lines = line.LineNumber;
            if (line.Event is null)
            {
                quarantined++;
                var reference = $"{blobName}#L{line.LineNumber}";
                await quarantine.PutAsync(new QuarantinedRecord(AsteriskMasterCsv.Source, reference, line.Problem!, line.RawLine), cancellationToken);
                continue;
            }

            batch.Add(line.Event);
            if (batch.Count == BatchSize)
            {
                await ratingQueue.EnqueueAsync(batch.ToArray(), cancellationToken);
                queued += batch.Count;
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await ratingQueue.EnqueueAsync(batch.ToArray(), cancellationToken);
            queued += batch.Count;
        }

        return new CdrFileSummary(blobName, lines, queued, quarantined);
    }
}

/// <summary>The format and source time zone a drop path names.</summary>
public sealed record CdrDropPath(string Format, DateTimeZone? TimeZone, RecordProblem? Problem)
{
    public static CdrDropPath Parse(string blobName)
    {
        var segments = blobName.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || segments[0] != AsteriskMasterCsv.Source)
        {
            return new CdrDropPath(segments.FirstOrDefault() ?? "", null,
                new RecordProblem("path", $"'{blobName}' must start with a known format folder: asterisk/"));
        }

        var zoneId = segments.Length > 2 ? string.Join('/', segments[1..^1]) : "UTC";
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
        return zone is null
            ? new CdrDropPath(segments[0], null, new RecordProblem("path", $"'{zoneId}' is not an IANA time zone"))
            : new CdrDropPath(segments[0], zone, null);
    }
}
