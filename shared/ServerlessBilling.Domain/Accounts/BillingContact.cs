using ServerlessBilling.Usage;

namespace ServerlessBilling.Accounts;

/// <summary>Who receives and pays the account's invoices, as the reseller's CRM holds it; every part is optional.</summary>
/// <param name="Name">The person or department invoices are addressed to.</param>
/// <param name="Phone">E.164; a national spelling is read in the billing address's country (else the United States) when stored.</param>
/// <param name="PoNumber">The customer's purchase order number, quoted on invoices.</param>
/// <param name="TaxId">The customer's VAT, GST or EIN number, as the customer writes it.</param>
public sealed record BillingContact(
    string? Name = null,
    string? Email = null,
    string? Phone = null,
    BillingAddress? Address = null,
    string? PoNumber = null,
    string? TaxId = null)
{
    /// <summary>The same contact with its phone number brought to E.164 (read in the address's country, else <see cref="PhoneRegion.Default"/>)
    /// and its text trimmed; a number no numbering plan reads is left for validation to refuse.</summary>
    public BillingContact Normalized()
    {
        var region = PhoneRegion.TryParse(Address?.Country) ?? PhoneRegion.Default;
        return this with
        {
            Name = Name?.Trim(),
            Email = Email?.Trim(),
            Phone = Phone is { } phone ? Usage.PhoneNumbers.ToE164(phone, region) : null,
            Address = Address is { } address ? address with { Country = address.Country?.Trim().ToUpperInvariant()! } : null,
            PoNumber = PoNumber?.Trim(),
            TaxId = TaxId?.Trim(),
        };
    }
}
