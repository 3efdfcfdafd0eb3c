using ServerlessBilling.Hosting;
using ServerlessBilling.Pdf;

namespace ServerlessBilling.Invoicing;

/// <summary>What the invoice document tells the customer besides its lines, section <c>Invoicing</c>; maps to <see cref="InvoiceSeller"/>.</summary>
public sealed class InvoicingSettings : ISettingsSection
{
    private static readonly HashSet<string> LetterCountries = new(StringComparer.OrdinalIgnoreCase) { "US", "CA", "MX" };

    public static string Section => "Invoicing";

    public SellerSettings Seller { get; set; } = new();

    /// <summary>The invoice's pay link, with <c>{accountId}</c> and <c>{invoiceId}</c> placeholders; empty prints none.</summary>
    public string PayLinkTemplate { get; set; } = "";

    /// <summary><c>Letter</c> or <c>A4</c>; empty picks by <see cref="SellerSettings.Country"/> (Letter in the US, Canada and Mexico).</summary>
    public string PaperSize { get; set; } = "";

    /// <summary>The most pages of itemized calls an invoice prints (default 50); the calls beyond are in the usage CSV and XLSX.</summary>
    public int? CallDetailPageLimit { get; set; }

    public IEnumerable<string> Problems()
    {
        if (CallDetailPageLimit is < 1 or > 10_000)
        {
            yield return $"Invoicing:CallDetailPageLimit {CallDetailPageLimit} must be from 1 to 10000.";
        }

        if (SettingText.IsSet(PaperSize) && !(Enum.TryParse<PaperSize>(PaperSize, ignoreCase: true, out var paper) && Enum.IsDefined(paper) && !char.IsDigit(PaperSize.Trim()[0])))
        {
            yield return $"Invoicing:PaperSize '{PaperSize}' must be Letter or A4.";
        }

        // A path alone reads as a file URI on Linux: the link must be a web address the customer can open.
        if (SettingText.IsSet(PayLinkTemplate) && !IsWebLink(PayLinkTemplate.Replace("{accountId}", "a", StringComparison.Ordinal).Replace("{invoiceId}", "i", StringComparison.Ordinal)))
        {
            yield return $"Invoicing:PayLinkTemplate '{PayLinkTemplate}' is not an absolute URL.";
        }
    }

    private static bool IsWebLink(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var link) && link.Scheme is "https" or "http";

    public InvoiceSeller ToSeller() => new(
        Blank(Seller.TaxId), Blank(Seller.Email), Blank(Seller.Phone), Blank(Seller.InquiriesPhone), Blank(Seller.Remittance), Blank(PayLinkTemplate), Paper(), CallDetailPageLimit ?? InvoiceSeller.DefaultCallDetailPageLimit);

    private Pdf.PaperSize Paper() =>
        SettingText.IsSet(PaperSize) ? Enum.Parse<PaperSize>(PaperSize, ignoreCase: true)
        : LetterCountries.Contains(Seller.Country.Trim()) ? Pdf.PaperSize.Letter
        : Pdf.PaperSize.A4;

    private static string? Blank(string value) => SettingText.IsSet(value) ? value.Trim() : null;

    /// <summary>The reseller's own details, section <c>Invoicing:Seller</c>; its name and address are <see cref="BrandingSettings"/>.</summary>
    public sealed class SellerSettings
    {
        public string TaxId { get; set; } = "";

        public string Email { get; set; } = "";

        public string Phone { get; set; } = "";

        /// <summary>The toll-free number for billing questions (47 CFR 64.2401(d)).</summary>
        public string InquiriesPhone { get; set; } = "";

        /// <summary>How to pay besides the link; <c>|</c> starts a new line.</summary>
        public string Remittance { get; set; } = "";

        /// <summary>ISO 3166-1 alpha-2; picks the default paper size.</summary>
        public string Country { get; set; } = "US";
    }
}
