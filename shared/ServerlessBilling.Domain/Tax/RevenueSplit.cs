namespace ServerlessBilling.Tax;

/// <summary>The interstate and international parts of a charge; the rest is intrastate.</summary>
public sealed record RevenueSplit(decimal Interstate, decimal International);
