namespace ServerlessBilling;

/// <summary>ISO 4217 minor units for the currencies resellers bill in.</summary>
public static class CurrencyInfo
{
    private static readonly Dictionary<string, int> MinorUnitsByCode = new(StringComparer.Ordinal)
    {
        ["USD"] = 2, ["CAD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["AUD"] = 2, ["NZD"] = 2,
        ["CHF"] = 2, ["MXN"] = 2, ["BRL"] = 2, ["INR"] = 2, ["ZAR"] = 2, ["SEK"] = 2,
        ["JPY"] = 0, ["KRW"] = 0, ["KWD"] = 3, ["BHD"] = 3,
    };

    public static bool IsKnown(string code) => MinorUnitsByCode.ContainsKey(code);

    public static int MinorUnits(string code) =>
        MinorUnitsByCode.TryGetValue(code, out var units)
            ? units
            : throw new ArgumentException($"Unknown currency '{code}'.", nameof(code));

    public static decimal MinorUnitFactor(string code) => MinorUnits(code) switch
    {
        0 => 1m,
        2 => 100m,
        3 => 1000m,
        var n => throw new InvalidOperationException($"Unsupported minor units {n}."),
    };
}
