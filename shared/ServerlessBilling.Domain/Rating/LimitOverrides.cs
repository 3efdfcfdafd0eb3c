namespace ServerlessBilling.Rating;

/// <summary>Limits that replace the defaults for one source or one account; an unset value keeps the one beneath.</summary>
public sealed record LimitOverrides(int? MaxCallMinutes = null, int? ClockSkewMinutes = null, int? BackdatingDays = null, decimal? MaxChargePerCall = null);
