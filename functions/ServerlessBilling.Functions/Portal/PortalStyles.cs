using System.Text.RegularExpressions;

namespace ServerlessBilling.Functions.Portal;

/// <summary>The portal's stylesheet, embedded in this assembly, in the reseller's accent colour.</summary>
public static partial class PortalStyles
{
    private const string DefaultAccent = "#1F4E79";

    private static readonly Lazy<string> Sheet = new(() =>
    {
        using var stream = typeof(PortalStyles).Assembly.GetManifestResourceStream("ServerlessBilling.Functions.portal.css")
            ?? throw new InvalidOperationException("The portal stylesheet is not embedded in the Functions assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The stylesheet with <c>--accent</c> set; a colour that is not <c>#rgb</c> or <c>#rrggbb</c> falls back to the default
    /// rather than reaching the CSS as written.</summary>
    public static string Css(string? accent) =>
        $":root {{ --accent: {(accent is not null && HexColour().IsMatch(accent) ? accent : DefaultAccent)}; }}\n{Sheet.Value}";

    [GeneratedRegex("^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")]
    private static partial Regex HexColour();
}
