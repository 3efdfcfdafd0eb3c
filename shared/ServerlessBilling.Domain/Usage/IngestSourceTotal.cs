namespace ServerlessBilling.Usage;

/// <summary>A source's counts over the whole range of a report.</summary>
public sealed record IngestSourceTotal(string Source, IngestCounts Counts);
