namespace ServerlessBilling.Rating;

/// <summary>A rate row with its description worked out once, not per call.</summary>
internal sealed record RateRow(UsageRate Rate, string Description);
