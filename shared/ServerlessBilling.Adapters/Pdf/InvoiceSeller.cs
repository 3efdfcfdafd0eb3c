namespace ServerlessBilling.Pdf;

/// <summary>What the invoice says about the reseller beyond its branding: who to pay and who to ask.</summary>
/// <param name="TaxId">The reseller's EIN, VAT or GST number.</param>
/// <param name="InquiriesPhone">The toll-free number for billing questions a US telecom bill must show (47 CFR 64.2401(d)).</param>
/// <param name="Remittance">How to pay other than the link: bank details, a lockbox address; <c>|</c> starts a new line.</param>
/// <param name="PayLinkTemplate">A URL with <c>{accountId}</c> and <c>{invoiceId}</c> placeholders; empty prints no link.</param>
/// <param name="Paper">The page size every document is printed on.</param>
/// <param name="CallDetailPageLimit">The most pages itemized calls take; the calls beyond are only in the usage CSV and XLSX.</param>
public sealed record InvoiceSeller(
    string? TaxId = null,
    string? Email = null,
    string? Phone = null,
    string? InquiriesPhone = null,
    string? Remittance = null,
    string? PayLinkTemplate = null,
    PaperSize Paper = PaperSize.A4,
    int CallDetailPageLimit = InvoiceSeller.DefaultCallDetailPageLimit)
{
    /// <summary>Call detail pages an invoice prints unless configured otherwise: a thousand-odd calls a month read in full,
    /// while a million-call account's PDF stays a document (and renders in seconds) rather than twenty thousand pages.</summary>
    public const int DefaultCallDetailPageLimit = 50;

    public static InvoiceSeller None { get; } = new();

    /// <summary>The pay link of one invoice, with the ids escaped for a URL; null when no template is set.</summary>
    public string? PayLink(string accountId, string invoiceId) =>
        string.IsNullOrWhiteSpace(PayLinkTemplate)
            ? null
            : PayLinkTemplate
                .Replace("{accountId}", Uri.EscapeDataString(accountId), StringComparison.Ordinal)
                .Replace("{invoiceId}", Uri.EscapeDataString(invoiceId), StringComparison.Ordinal);

    public IReadOnlyList<string> RemittanceLines =>
        [.. (Remittance ?? "").Split(['|', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
