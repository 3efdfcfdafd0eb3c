using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>A reseller certificate the year's carrier's-carrier revenue relied on: keep it with the filing.</summary>
/// <remarks><see cref="Revenue"/> is net of the credit notes issued in the year on it.</remarks>
public sealed record CertificateReliedOn(string AccountId, string Filer499Id, LocalDate ValidThrough, string Currency, decimal Revenue, int Invoices)
{
    public int CreditNotes { get; init; }
}
