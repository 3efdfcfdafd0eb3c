using NodaTime;

namespace ServerlessBilling.Upstream;

/// <summary>How to take a price list into a cost plan: the version date it prices from, its currency and its column mapping.</summary>
/// <param name="Currency">The list's currency; a cost plan that exists keeps its own, and a list in another currency is refused.</param>
/// <param name="PerCallDecimals">Decimals of one call's expected cost (the vendor's own precision; 6 by default).</param>
public sealed record PriceListRequest(LocalDate EffectiveFrom, string Currency, PriceListMapping Mapping, int PerCallDecimals = 6);
