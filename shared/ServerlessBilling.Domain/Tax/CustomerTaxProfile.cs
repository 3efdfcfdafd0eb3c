using ServerlessBilling.Accounts;

namespace ServerlessBilling.Tax;

/// <summary>What the tax engine needs to know about a customer beyond its invoice.</summary>
/// <param name="ServiceAddress">Place of primary use; normally <see cref="Account.ServiceAddress"/>.</param>
public sealed record CustomerTaxProfile(
    CustomerType Type,
    PostalAddress ServiceAddress,
    IReadOnlyList<ResellerCertificate> ResellerCertificates,
    IReadOnlyList<TaxExemption> Exemptions);
