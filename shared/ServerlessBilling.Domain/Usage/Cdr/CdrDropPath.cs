using NodaTime;

namespace ServerlessBilling.Usage.Cdr;

/// <summary>How a dropped CDR file is to be read: its format, the zone of its local times, and the column profile, from its path and metadata.</summary>
/// <remarks>
/// The path is <c>{format}/{IANA zone}/{file}</c>, e.g. <c>freeswitch/Europe/Berlin/Master.csv</c>; without a zone
/// (<c>asterisk/Master.csv</c>) times are UTC. Blob metadata, when present, overrides the path: <c>format</c>,
/// <c>timezone</c>, <c>template</c> (FreeSWITCH: a built-in template name or the variable list) and <c>columns</c>
/// (generic CSV: <c>field=Header;...</c>). A name ending in <c>.gz</c> is gunzipped while it is read.
/// </remarks>
public sealed record CdrDropPath(
    string Format,
    DateTimeZone? TimeZone,
    RecordProblem? Problem,
    bool Gzip = false,
    FreeSwitchTemplate? Template = null,
    CsvColumnMapping? Columns = null)
{
    public const string FormatKey = "format", TimeZoneKey = "timezone", TemplateKey = "template", ColumnsKey = "columns";

    public static CdrDropPath Parse(string blobName) => Parse(blobName, new Dictionary<string, string>());

    public static CdrDropPath Parse(string blobName, IReadOnlyDictionary<string, string> metadata)
    {
        var meta = new Dictionary<string, string>(metadata, StringComparer.OrdinalIgnoreCase);
        var segments = blobName.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var pathFormat = segments.Length >= 2 && CdrFormat.All.Contains(segments[0]) ? segments[0] : null;
        var format = meta.GetValueOrDefault(FormatKey)?.Trim().ToLowerInvariant() ?? pathFormat;
        var gzip = blobName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        if (format is null || !CdrFormat.All.Contains(format))
        {
            return Invalid(format ?? segments.FirstOrDefault() ?? "",
                format is null
                    ? new RecordProblem("path", $"'{blobName}' must start with a format folder ({string.Join("/, ", CdrFormat.All)}/) or carry format metadata")
                    : new RecordProblem(FormatKey, $"'{format}' is not one of {string.Join(", ", CdrFormat.All)}"));
        }

        var zoneId = meta.GetValueOrDefault(TimeZoneKey)?.Trim()
            ?? (pathFormat is not null && segments.Length > 2 ? string.Join('/', segments[1..^1]) : "UTC");
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
        if (zone is null)
        {
            return Invalid(format, new RecordProblem(meta.ContainsKey(TimeZoneKey) ? TimeZoneKey : "path", $"'{zoneId}' is not an IANA time zone"));
        }

        FreeSwitchTemplate? template = null;
        if (format == CdrFormat.FreeSwitch && meta.TryGetValue(TemplateKey, out var templateText)
            && !FreeSwitchTemplate.TryParse(templateText, out template, out var templateProblem))
        {
            return Invalid(format, templateProblem!);
        }

        var columns = CsvColumnMapping.Default;
        if (format == CdrFormat.Csv && meta.TryGetValue(ColumnsKey, out var columnsText)
            && !CsvColumnMapping.TryParse(columnsText, out columns, out var columnsProblem))
        {
            return Invalid(format, columnsProblem!);
        }

        return new CdrDropPath(format, zone, null, gzip, template, columns);

        CdrDropPath Invalid(string f, RecordProblem problem) => new(f, null, problem, gzip);
    }

    /// <summary>The file's lines as usage or problems, read lazily from <paramref name="reader"/> in this format.</summary>
    public IEnumerable<CdrLine> ReadLines(TextReader reader, PhoneRegion region)
    {
        var zone = TimeZone ?? throw new InvalidOperationException($"A drop path with a problem cannot be read: {Problem}");
        return Format switch
        {
            CdrFormat.Asterisk => AsteriskMasterCsv.Read(reader, AsteriskCdrOptions.Utc with { TimeZone = zone }, region),
            CdrFormat.FreeSwitch => FreeSwitchCdrCsv.Read(reader, FreeSwitchCdrOptions.Utc with { TimeZone = zone, Template = Template }, region),
            CdrFormat.TwilioBulkExport => TwilioBulkExport.Read(reader, region),
            CdrFormat.Csv => GenericCdrCsv.Read(reader, new GenericCdrOptions(zone, Columns ?? CsvColumnMapping.Default), region),
            _ => throw new InvalidOperationException($"No reader for format '{Format}'."),
        };
    }
}
