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

public static class Rounding
{
    public static decimal Round(decimal value, int decimals, RoundingMode mode) => mode switch
    {
        RoundingMode.Up => value >= 0
            ? decimal.Round(value, decimals, MidpointRounding.ToPositiveInfinity)
            : decimal.Round(value, decimals, MidpointRounding.ToNegativeInfinity),
        RoundingMode.Down => decimal.Round(value, decimals, MidpointRounding.ToZero),
        RoundingMode.HalfUp => decimal.Round(value, decimals, MidpointRounding.AwayFromZero),
        RoundingMode.HalfEven => decimal.Round(value, decimals, MidpointRounding.ToEven),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

}
