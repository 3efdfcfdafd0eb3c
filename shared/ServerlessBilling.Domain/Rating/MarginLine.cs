namespace ServerlessBilling.Rating;

/// <param name="Price">What the calls bill (per-call amounts).</param>
/// <param name="Cost">What the vendors charged for the calls that reported a cost.</param>
/// <param name="Margin">Price minus cost over the calls that reported a cost.</param>
public sealed record MarginLine(string Label, int Calls, decimal Minutes, decimal Price, decimal Cost, decimal Margin, int CallsWithoutCost);
