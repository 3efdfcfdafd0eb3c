using Numbering = PhoneNumbers.PhoneNumberUtil;

namespace ServerlessBilling.Usage;

/// <summary>The region whose numbering plan reads a number written without its country code ("4155550100" in <c>US</c>, "020 7183 8750" in <c>GB</c>).</summary>
/// <remarks>One deployment serves one reseller, whose PBX dials in one country: the setting <c>Numbers:DefaultRegion</c> names it, and it is
/// passed to every parser that brings numbers to E.164.</remarks>
public sealed record PhoneRegion
{
    /// <summary>The United States, where a region is not configured.</summary>
    public static readonly PhoneRegion Default = new("US");

    private PhoneRegion(string code) => Code = code;

    /// <summary>The ISO 3166 code, upper case.</summary>
    public string Code { get; }

    /// <summary>The region of an ISO 3166 code libphonenumber knows (any case, surrounding spaces ignored).</summary>
    /// <exception cref="ArgumentException">The code names no region libphonenumber has a numbering plan for.</exception>
    public static PhoneRegion Parse(string code) =>
        TryParse(code) ?? throw new ArgumentException($"'{code}' is not a region libphonenumber knows (an ISO 3166 code such as US or GB).", nameof(code));

    /// <summary>The region of an ISO 3166 code libphonenumber knows, or null.</summary>
    public static PhoneRegion? TryParse(string? code)
    {
        var upper = code?.Trim().ToUpperInvariant();
        return upper is { Length: > 0 } && Numbering.GetInstance().GetSupportedRegions().Contains(upper) ? new PhoneRegion(upper) : null;
    }

    public override string ToString() => Code;
}
