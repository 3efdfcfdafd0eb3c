namespace ServerlessBilling.Upstream;

/// <summary>Which upstream cost a margin was taken from.</summary>
public enum CostBasis
{
    /// <summary>No cost is known: the vendor reported none and no cost plan prices the call.</summary>
    None,

    /// <summary>The cost the vendor reported with the call (a webhook's cost field, an export's price).</summary>
    Reported,

    /// <summary>The cost the vendor's cost plan gives the call, where the vendor reported none.</summary>
    Expected,
}
