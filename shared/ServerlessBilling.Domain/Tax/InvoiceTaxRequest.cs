using NodaTime;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Tax;

/// <summary>Builds the engine's input from a draft invoice: the seam between the cycle close and the tax engine.</summary>
/// <remarks>
/// An invoice line's <see cref="LineCategory"/> says where it is shown, not what it is for tax: a usage line may be
/// PSTN minutes (telecom) or AI agent minutes (not telecom). <see cref="DefaultCategory"/> is the mapping when
/// nothing better is known; the close passes its own classifier when it knows a line's usage component. Lines
/// of zero (included usage) are left out. The tax lines that come back are added to the invoice before it is
/// numbered, so the invoice's total stays the sum of its lines.
/// </remarks>
public static class InvoiceTaxRequest
{
    /// <param name="invoiceDate">The date the invoice is issued; it keys the rates in force.</param>
    /// <param name="lines">Line counts by service address (numbers held, concurrent channels, devices).</param>
    /// <param name="classify">Product category of an invoice line, or null to leave the line untaxed; <see cref="DefaultCategory"/> when omitted.</param>
    public static TaxRequest For(
        Invoice invoice,
        LocalDate invoiceDate,
        CustomerTaxProfile customer,
        IReadOnlyList<ServiceLines> lines,
        Func<InvoiceLine, ProductCategory?>? classify = null) =>
        new(invoice.AccountId, invoice.Currency, invoiceDate, invoice.Period.Start, customer.Type, customer.ServiceAddress,
            Items(invoice, classify), lines, customer.ResellerCertificates, customer.Exemptions);

    public static IReadOnlyList<TaxableItem> Items(Invoice invoice, Func<InvoiceLine, ProductCategory?>? classify = null)
    {
        classify ??= DefaultCategory;
        return [.. invoice.Lines.Where(line => IsTaxable(line, classify)).Select(line =>
            new TaxableItem(line.Description, classify(line)!.Value, line.Amount, Minutes: line.Unit == "min" ? line.Quantity : null, Jurisdiction: line.Jurisdiction))];
    }

    /// <summary>Whether a line becomes a taxable item: it has an amount and a product category.</summary>
    public static bool IsTaxable(InvoiceLine line, Func<InvoiceLine, ProductCategory?> classify) =>
        line.Amount.Amount != 0m && classify(line) is not null;

    /// <summary>The platform fee and add-ons are the AI agent platform; numbers are VoIP access; usage and the minimum-spend true-up are VoIP usage.</summary>
    public static ProductCategory? DefaultCategory(InvoiceLine line) => line.Category switch
    {
        LineCategory.PlatformFee or LineCategory.AddOns => ProductCategory.AiPlatform,
        LineCategory.OneTimeFees => ProductCategory.OtherNonTelecom,
        LineCategory.Numbers => ProductCategory.VoipAccess,
        LineCategory.Usage or LineCategory.Commitment => ProductCategory.InterconnectedVoipUsage,
        _ => null,
    };
}
