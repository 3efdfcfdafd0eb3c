using ServerlessBilling.Hosting;

namespace ServerlessBilling.Usage;

/// <summary>Section <c>Numbers</c>: <see cref="DefaultRegion"/>, where numbers written without a country code are read (default <c>US</c>).</summary>
public sealed class NumbersSettings : ISettingsSection
{
    public static string Section => "Numbers";

    /// <summary>An ISO 3166 code libphonenumber knows, e.g. <c>US</c> or <c>GB</c>.</summary>
    public string? DefaultRegion { get; set; }

    public IEnumerable<string> Problems() =>
        !SettingText.IsSet(DefaultRegion) || PhoneRegion.TryParse(DefaultRegion) is not null
            ? []
            : [$"Numbers:DefaultRegion '{DefaultRegion}' is not a region libphonenumber knows (an ISO 3166 code such as US or GB)."];

    public PhoneRegion ToRegion() => SettingText.IsSet(DefaultRegion) ? PhoneRegion.Parse(DefaultRegion!) : PhoneRegion.Default;
}
