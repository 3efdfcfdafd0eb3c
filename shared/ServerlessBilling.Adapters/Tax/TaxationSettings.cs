using ServerlessBilling.Hosting;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Tax;

/// <summary>Section <c>Tax</c>: how taxes round and allocate (maps to <see cref="TaxSettings"/>) and how often tax tables are reloaded
/// (maps to <see cref="TaxTableOptions"/>).</summary>
public sealed class TaxationSettings : ISettingsSection
{
    public static string Section => "Tax";

    /// <summary><c>PerInvoice</c> (the default) or <c>PerLine</c>.</summary>
    public TaxRounding? Rounding { get; set; }

    /// <summary>Whether interstate usage under the de minimis threshold is treated as such (default false; the 64.9% safe harbor applies).</summary>
    public bool? DeMinimis { get; set; }

    /// <summary>How long an instance keeps its tax table before looking for documents changed in storage (default 60).</summary>
    public double? TableRefreshSeconds { get; set; }

    public IEnumerable<string> Problems() =>
    [
        .. SettingText.EnumProblems("Tax:Rounding", Rounding),
        .. TableRefreshSeconds is < 0 or double.NaN ? ["Tax:TableRefreshSeconds: must not be negative."] : Array.Empty<string>(),
    ];

    public TaxSettings ToTaxSettings() => TaxSettings.Default with
    {
        Rounding = Rounding ?? TaxRounding.PerInvoice,
        DeMinimis = DeMinimis ?? false,
    };

    public TaxTableOptions ToTableOptions() =>
        TableRefreshSeconds is { } seconds ? new TaxTableOptions(TimeSpan.FromSeconds(seconds)) : TaxTableOptions.Default;
}
