using NodaTime;

namespace ServerlessBilling.Usage;

/// <summary>One source's counts on one day (UTC): a stored row, or the sum of several.</summary>
public sealed record IngestCounter(string Source, LocalDate Day, IngestCounts Counts);
