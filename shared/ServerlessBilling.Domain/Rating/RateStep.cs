namespace ServerlessBilling.Rating;

/// <summary>From <see cref="AfterSeconds"/> of elapsed call time on, the call is priced at <see cref="PerMinute"/>.</summary>
public sealed record RateStep(int AfterSeconds, decimal PerMinute);
