namespace ServerlessBilling.Rating;

/// <summary>How many decimal places one call's amount keeps, and how it gets there.</summary>
/// <remarks>
/// Engines that round per increment (CGRateS among them) round each increment's cost half-up and apply the plan's own
/// method to the call total only: <c>IncrementDecimals</c> with <c>IncrementRounding = HalfUp</c>. Without
/// <see cref="IncrementRounding"/> each increment is rounded with <see cref="Mode"/>, so an "Up" plan rounds every increment up.
/// </remarks>
/// <param name="Decimals">Places the call's total keeps.</param>
/// <param name="Mode">How the call's total is rounded to <paramref name="Decimals"/>.</param>
/// <param name="IncrementDecimals">When set, each increment's price is rounded to this many places before summing.</param>
/// <param name="IncrementRounding">How each increment's price is rounded to <paramref name="IncrementDecimals"/>; null for <paramref name="Mode"/>.</param>
public sealed record PerCallRounding(int Decimals = 6, RoundingMode Mode = RoundingMode.HalfUp, int? IncrementDecimals = null, RoundingMode? IncrementRounding = null);
