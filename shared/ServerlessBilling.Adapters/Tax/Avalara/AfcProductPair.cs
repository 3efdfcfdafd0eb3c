using System.Globalization;

namespace ServerlessBilling.Tax.Avalara;

/// <summary>An AFC Transaction/Service pair (T/S pair): the two numbers that tell the service what product a charge is.</summary>
/// <param name="Transaction">The transaction type (<c>tran</c>), e.g. 19 for VoIP.</param>
/// <param name="Service">The service type (<c>serv</c>), e.g. 6 for an access charge.</param>
public readonly record struct AfcProductPair(int Transaction, int Service)
{
    /// <summary>VoIP interstate usage (19/49): minutes, with the federal safe harbor applied by the service.</summary>
    public static AfcProductPair VoipInterstateUsage { get; } = new(19, 49);

    /// <summary>VoIP intrastate usage (19/50): minutes of calls that began and ended in one state (service type 50, INTRASTATE USAGE,
    /// in the guide's Interstate/Intrastate Determination).</summary>
    public static AfcProductPair VoipIntrastateUsage { get; } = new(19, 50);

    /// <summary>VoIP international usage (19/51): minutes rated as international.</summary>
    public static AfcProductPair VoipInternationalUsage { get; } = new(19, 51);

    /// <summary>VoIP access charge (19/6): the monthly charge for numbers and service.</summary>
    public static AfcProductPair VoipAccess { get; } = new(19, 6);

    /// <summary>VoIP lines (19/21): carries the line count per-line fees (911, 988, access line taxes) are charged on, with no charge.</summary>
    public static AfcProductPair VoipLines { get; } = new(19, 21);

    /// <summary>VoIP equipment rental (19/37).</summary>
    public static AfcProductPair VoipEquipment { get; } = new(19, 37);

    /// <summary>Reads <c>tran/serv</c> (e.g. <c>19/6</c>); null when the text is not two whole numbers separated by a slash.</summary>
    public static AfcProductPair? TryParse(string? text)
    {
        var parts = (text ?? "").Split('/', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var transaction)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var service)
            ? new AfcProductPair(transaction, service)
            : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Transaction}/{Service}");
}
