using NodaTime;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Tax;

/// <summary>Everything the engine needs to tax one invoice: what was sold, where, to whom, and how many lines.</summary>
/// <param name="InvoiceDate">The invoice (bill) date; it keys the rates in force unless settings say otherwise.</param>
/// <param name="ServicePeriodStart">First day of the billed period.</param>
/// <param name="ServiceAddress">The account's place of primary use; items and line groups without their own address are taxed here.</param>
/// <param name="Items">The invoice's charges, each with its product category.</param>
/// <param name="Lines">Line counts by service address, in every unit a jurisdiction may count.</param>
/// <param name="ResellerCertificates">Certificates the customer gave that it buys for resale and contributes to USF itself.</param>
/// <param name="Exemptions">Documented exemptions from some or all taxes.</param>
public sealed record TaxRequest(
    string AccountId,
    string Currency,
    LocalDate InvoiceDate,
    LocalDate ServicePeriodStart,
    CustomerType CustomerType,
    PostalAddress ServiceAddress,
    IReadOnlyList<TaxableItem> Items,
    IReadOnlyList<ServiceLines> Lines,
    IReadOnlyList<ResellerCertificate> ResellerCertificates,
    IReadOnlyList<TaxExemption> Exemptions)
{
    /// <summary>The certificate that makes this a sale for resale on <paramref name="date"/>, or null when none is valid.</summary>
    public ResellerCertificate? ResaleCertificateOn(LocalDate date) => ResellerCertificates.FirstOrDefault(c => c.IsValidOn(date));
}

/// <summary>One taxable charge, normally one invoice line.</summary>
/// <param name="Reference">What the charge is on the invoice (its description), carried onto per-line tax lines.</param>
/// <param name="Amount">The line's amount, already rounded as the invoice shows it.</param>
/// <param name="ServiceAddress">Where this charge's service is used, when it differs from the account's (a number in another state).</param>
/// <param name="Split">The charge's actual interstate and international amounts; used only with <see cref="AllocationMethod.Actual"/>.</param>
public sealed record TaxableItem(string Reference, ProductCategory Category, Money Amount, PostalAddress? ServiceAddress = null, RevenueSplit? Split = null);

/// <summary>The interstate and international parts of a charge; the rest is intrastate.</summary>
public sealed record RevenueSplit(decimal Interstate, decimal International);

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

/// <summary>A reseller certificate: the customer buys for resale and contributes to USF on its own offerings.</summary>
/// <param name="Filer499Id">The customer's FCC Form 499 filer id, checked against the FCC's filer database.</param>
/// <param name="ValidThrough">Last day the certificate covers (inclusive); certificates are renewed every year.</param>
public sealed record ResellerCertificate(string Filer499Id, LocalDate SignedOn, LocalDate ValidThrough)
{
    public bool IsValidOn(LocalDate date) => date >= SignedOn && date <= ValidThrough;
}

/// <summary>An exemption document: from all taxes, or from one kind, or only in one jurisdiction.</summary>
/// <param name="Kind">The tax kind exempted; null for every kind.</param>
/// <param name="Jurisdiction">The jurisdiction code exempted; null for every jurisdiction.</param>
/// <param name="ValidThrough">Last day covered (inclusive); null while in force.</param>
/// <param name="Document">Where the certificate is kept, for audit.</param>
public sealed record TaxExemption(TaxKind? Kind, string? Jurisdiction, LocalDate ValidFrom, LocalDate? ValidThrough, string Document)
{
    public bool Covers(TaxRule rule, LocalDate date) =>
        (Kind is null || Kind == rule.Kind)
        && (Jurisdiction is null || Jurisdiction == rule.Jurisdiction)
        && date >= ValidFrom && (ValidThrough is null || date <= ValidThrough);
}
