namespace ServerlessBilling.Rating;

/// <param name="Price">What the calls bill (per-call amounts).</param>
/// <param name="Cost">What the calls cost upstream, over the calls with a known cost: the vendor's reported cost, else the cost plan's expected cost.</param>
/// <param name="Margin">Price minus cost over the calls with a known cost.</param>
/// <param name="CallsWithoutCost">Calls with neither a reported nor an expected cost, left out of cost and margin.</param>
public sealed record MarginLine(string Label, int Calls, decimal Minutes, decimal Price, decimal Cost, decimal Margin, int CallsWithoutCost)
{
    /// <summary>Calls whose cost is what their cost plan expects, the vendor having reported none.</summary>
    public int CallsWithExpectedCost { get; init; }

    /// <summary>Which cost the line's margin rests on: <c>reported</c>, <c>expected</c>, <c>mixed</c> (some of each) or <c>none</c>.</summary>
    public string CostBasis =>
        (Calls - CallsWithoutCost - CallsWithExpectedCost, CallsWithExpectedCost) switch
        {
            (0, 0) => "none",
            (_, 0) => "reported",
            (0, _) => "expected",
            _ => "mixed",
        };
}
