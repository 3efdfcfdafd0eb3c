namespace ServerlessBilling;

/// <summary>How an amount is brought to a number of decimal places. Billing practice varies, so it is always named.</summary>
public enum RoundingMode
{
    /// <summary>Away from zero whenever anything is dropped (0.001 → 0.01).</summary>
    Up,

    /// <summary>Towards zero (truncate).</summary>
    Down,

    /// <summary>Nearest; a midpoint goes away from zero (0.005 → 0.01). Telecom tax practice.</summary>
    HalfUp,

    /// <summary>Nearest; a midpoint goes to the even neighbour (banker's rounding, .NET's default).</summary>
    HalfEven,
}
