namespace ServerlessBilling;

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
