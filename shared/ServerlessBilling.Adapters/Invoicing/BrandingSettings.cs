using ServerlessBilling.Hosting;
using ServerlessBilling.Pdf;

namespace ServerlessBilling.Invoicing;

/// <summary>What invoices and credit notes are printed with, section <c>Branding</c>; maps to <see cref="InvoiceBranding"/> and <see cref="BrandingLogo"/>.</summary>
public sealed class BrandingSettings : ISettingsSection
{
    public static string Section => "Branding";

    public string Name { get; set; } = "Your Reseller";

    /// <summary>Lines separated by a newline or <c>|</c>.</summary>
    public string Address { get; set; } = "";

    public string AccentColor { get; set; } = "#1F4E79";

    /// <summary>A PNG logo, Base64; wins over <see cref="LogoBlob"/>.</summary>
    public string? LogoBase64 { get; set; }

    /// <summary>A PNG logo in the billing storage, <c>container/name</c>.</summary>
    public string? LogoBlob { get; set; }

    public IEnumerable<string> Problems()
    {
        if (SettingText.IsSet(LogoBase64) && !Convert.TryFromBase64String(LogoBase64!.Trim(), new byte[LogoBase64.Length], out _))
        {
            yield return "Branding:LogoBase64: is not Base64.";
        }
        else if (!SettingText.IsSet(LogoBase64) && SettingText.IsSet(LogoBlob) && LogoBlob!.Split('/', 2) is not [{ Length: > 0 }, { Length: > 0 }])
        {
            yield return $"Branding:LogoBlob '{LogoBlob}' must be 'container/name'.";
        }
    }

    public InvoiceBranding ToBranding() => new(Name, Address, AccentColor);
}
