using NodaTime;

namespace ServerlessBilling.Usage.Cdr;

/// <summary>How a generic CSV usage file is to be read.</summary>
/// <param name="TimeZone">The zone of start times written without an offset; times with one (ISO 8601) are taken as written.</param>
/// <param name="Columns">Which header column holds which field.</param>
public sealed record GenericCdrOptions(DateTimeZone TimeZone, CsvColumnMapping Columns);
