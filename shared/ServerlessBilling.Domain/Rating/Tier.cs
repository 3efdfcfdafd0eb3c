namespace ServerlessBilling.Rating;

/// <summary>Minutes up to and including <see cref="UpToMinutes"/> (from the previous tier's bound) at <see cref="PerMinute"/>.</summary>
public sealed record Tier(decimal? UpToMinutes, decimal PerMinute);
