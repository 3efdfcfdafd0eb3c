using ServerlessBilling.Hosting;
using ServerlessBilling.Storage;
using ServerlessBilling.Tax.Avalara;

namespace ServerlessBilling.Tax;

/// <summary>Section <c>Tax</c>: how taxes round and allocate (maps to <see cref="TaxSettings"/>), how often tax tables are reloaded
/// (maps to <see cref="TaxTableOptions"/>), what a close does when a table has no rate (maps to <see cref="TaxDataOptions"/>), and
/// which calculator taxes invoices (<see cref="Engine"/>, with <see cref="Avalara"/> for the commercial service).</summary>
public sealed class TaxationSettings : ISettingsSection
{
    public static string Section => "Tax";

    /// <summary><c>PerInvoice</c> (the default), <c>PerLine</c> or <c>PerDocument</c>.</summary>
    public TaxRounding? Rounding { get; set; }

    /// <summary>Overrides the computed de minimis status: true bills no USF recovery line, false bills it; unset lets the
    /// computation (47 CFR 54.708, see <see cref="DeMinimisAssessment"/>) decide.</summary>
    public bool? DeMinimis { get; set; }

    /// <summary>The year's projected interstate + international end-user telecom revenue in USD (e.g. the sum of the 499-Q
    /// projections); unset: the tax ledger's year to date, annualized.</summary>
    public decimal? ProjectedInterstateRevenue { get; set; }

    /// <summary>The estimation factor of the current Form 499-A instructions' de minimis worksheet (Appendix A); unset: a
    /// known year's factor, else the mean of the year's quarterly USF factors.</summary>
    public decimal? DeMinimisFactor { get; set; }

    /// <summary>How long an instance keeps its tax table before looking for documents changed in storage (default 60).</summary>
    public double? TableRefreshSeconds { get; set; }

    /// <summary><c>Hold</c> (the default: the close stops before numbering until a table covering the date is stored) or <c>Warn</c>.</summary>
    public MissingTaxRate? MissingRate { get; set; }

    /// <summary>A table whose newest rate ends within this many days is reported as running out (default 45).</summary>
    public int? FreshnessHorizonDays { get; set; }

    /// <summary><c>BuiltIn</c> (the default: the product's tax tables) or <c>AvalaraCommunications</c> (AvaTax for Communications, set up in <see cref="Avalara"/>).</summary>
    public TaxEngineKind? Engine { get; set; }

    /// <summary>The AvaTax for Communications account, used when <see cref="Engine"/> selects it.</summary>
    public AvalaraCommunicationsSettings Avalara { get; set; } = new();

    /// <summary>How soon a close held because the tax service failed asks it again, in seconds (default 300).</summary>
    public int? ServiceRecheckSeconds { get; set; }

    public IEnumerable<string> Problems() =>
    [
        .. SettingText.EnumProblems("Tax:Engine", Engine),
        .. Engine == TaxEngineKind.AvalaraCommunications ? Avalara.Problems() : [],
        .. ServiceRecheckSeconds is <= 0 ? ["Tax:ServiceRecheckSeconds: must be positive."] : Array.Empty<string>(),
        .. SettingText.EnumProblems("Tax:Rounding", Rounding),
        .. SettingText.EnumProblems("Tax:MissingRate", MissingRate),
        .. TableRefreshSeconds is < 0 or double.NaN ? ["Tax:TableRefreshSeconds: must not be negative."] : Array.Empty<string>(),
        .. ProjectedInterstateRevenue is < 0m ? ["Tax:ProjectedInterstateRevenue: must not be negative."] : Array.Empty<string>(),
        .. DeMinimisFactor is <= 0m or > 1m ? ["Tax:DeMinimisFactor: must be a fraction above 0 and at most 1 (0.256 is 25.6 %)."] : Array.Empty<string>(),
        .. ToTaxDataOptions().Validate(),
    ];

    public TaxSettings ToTaxSettings() => TaxSettings.Default with
    {
        Rounding = Rounding ?? TaxRounding.PerInvoice,
        DeMinimis = DeMinimis ?? false,
        DeMinimisSettled = DeMinimis is not null,
    };

    public DeMinimisOptions ToDeMinimisOptions() => new(DeMinimis, ProjectedInterstateRevenue, DeMinimisFactor);

    public TaxTableOptions ToTableOptions() =>
        TableRefreshSeconds is { } seconds ? new TaxTableOptions(TimeSpan.FromSeconds(seconds)) : TaxTableOptions.Default;

    /// <remarks>A close woken by an upload that still finds the rate missing looks again once every instance has re-read the
    /// tables (<see cref="TableRefreshSeconds"/> plus 30 seconds).</remarks>
    public TaxDataOptions ToTaxDataOptions() => TaxDataOptions.Default with
    {
        MissingRate = MissingRate ?? TaxDataOptions.Default.MissingRate,
        FreshnessHorizonDays = FreshnessHorizonDays ?? TaxDataOptions.Default.FreshnessHorizonDays,
        RecheckAfterUpload = NodaTime.Duration.FromTimeSpan(ToTableOptions().RefreshInterval) + NodaTime.Duration.FromSeconds(30),
        RecheckService = ServiceRecheckSeconds is { } seconds ? NodaTime.Duration.FromSeconds(seconds) : TaxDataOptions.Default.RecheckService,
    };
}
