namespace ServerlessBilling.Accounts;

/// <summary>An account's tax facts: customer type, reseller certificates, exemptions, and the lines a jurisdiction may count.</summary>
/// <param name="ConcurrentChannels">Outbound channel capacity: how many calls the service can place at once (California, Illinois and
/// Washington count 911 and 988 lines this way). Null when not known: those rules then charge one line per number held and say so
/// in a notice. Zero means the service cannot call out.</param>
/// <param name="Devices">Devices in service (New York City counts VoIP lines this way); null when not known, counted like channels.</param>
public sealed record AccountTaxProfile(
    Tax.CustomerType CustomerType = Tax.CustomerType.Business,
    int? ConcurrentChannels = null,
    int? Devices = null,
    IReadOnlyList<Tax.ResellerCertificate>? ResellerCertificates = null,
    IReadOnlyList<Tax.TaxExemption>? Exemptions = null)
{
    /// <summary>The largest PCode: Avalara's jurisdiction codes are whole numbers of up to nine digits.</summary>
    public const int MaxPcode = 999_999_999;

    /// <summary>The service address's jurisdiction as a commercial tax service's PCode (Avalara for Communications), when the reseller
    /// knows it; sent instead of the street address, so the service does not geocode it. Null (the default): the address is geocoded.
    /// The built-in engine does not read it.</summary>
    public int? Pcode { get; init; }
}
