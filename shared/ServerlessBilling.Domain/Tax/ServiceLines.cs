using ServerlessBilling.Accounts;

namespace ServerlessBilling.Tax;

/// <summary>Lines at one service address, counted each way a jurisdiction may define a line.</summary>
/// <param name="Numbers">Telephone numbers held (service identifiers).</param>
/// <param name="Channels">Simultaneous outbound calls the service allows at the address (outward calling capacity); null when the account does not say.</param>
/// <param name="Devices">Registered devices; null when the account does not say.</param>
/// <remarks>
/// Unknown is not zero: zero channels is a service that cannot call out (no line for Washington's 911 tax), while an
/// unknown count is counted by the engine as one line per number, with a <see cref="TaxNoticeReason.LineCountAssumed"/> notice.
/// </remarks>
public sealed record ServiceLines(PostalAddress Address, int Numbers, int? Channels, int? Devices)
{
    /// <summary>The lines in <paramref name="unit"/>, or null when the count is not known.</summary>
    public int? Count(LineUnit unit) => unit switch
    {
        LineUnit.Number => Numbers,
        LineUnit.Channel => Channels,
        LineUnit.Device => Devices,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };

    /// <summary>The lines in <paramref name="unit"/>, one per number held when the count is not known.</summary>
    public int CountOrNumbers(LineUnit unit) => Count(unit) ?? Numbers;
}
