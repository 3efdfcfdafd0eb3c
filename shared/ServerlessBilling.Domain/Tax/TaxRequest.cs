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
    /// <summary>The service address's PCode (<see cref="AccountTaxProfile.Pcode"/>) for a tax service that takes one instead of
    /// the address; null to send the address.</summary>
    public int? Pcode { get; init; }

    /// <summary>The certificate that makes this a sale for resale on <paramref name="date"/>, or null when none is valid.</summary>
    public ResellerCertificate? ResaleCertificateOn(LocalDate date) => ResellerCertificates.FirstOrDefault(c => c.IsValidOn(date));
}
