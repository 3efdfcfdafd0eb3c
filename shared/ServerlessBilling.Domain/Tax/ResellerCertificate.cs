using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>A reseller certificate: the customer buys for resale and contributes to USF on its own offerings.</summary>
/// <param name="Filer499Id">The customer's FCC Form 499 filer id, checked against the FCC's filer database.</param>
/// <param name="ValidThrough">Last day the certificate covers (inclusive); certificates are renewed every year.</param>
public sealed record ResellerCertificate(string Filer499Id, LocalDate SignedOn, LocalDate ValidThrough)
{
    public bool IsValidOn(LocalDate date) => date >= SignedOn && date <= ValidThrough;
}
