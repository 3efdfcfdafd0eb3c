namespace ServerlessBilling.Rating;

/// <summary>A page of usage rows across all accounts and periods, and where the next page starts (null after the last page).</summary>
public sealed record UsagePage(IReadOnlyList<RatedUsage> Rows, string? ContinuationToken);
