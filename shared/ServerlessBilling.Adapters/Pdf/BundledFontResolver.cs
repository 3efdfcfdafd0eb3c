using PdfSharp.Fonts;
using PdfSharp.WPFonts;

namespace ServerlessBilling.Pdf;

/// <summary>Serves the fonts that ship inside PDFsharp (Segoe WP), so an invoice renders the same on Linux, Windows and in Azure, where no system font can be relied on.</summary>
internal sealed class BundledFontResolver : IFontResolver
{
    public const string Family = "Segoe WP";

    private static readonly object Gate = new();
    private static bool installed;

    /// <summary>PDFsharp's resolver is process-wide and can be set once.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (!installed)
            {
                GlobalFontSettings.FontResolver ??= new BundledFontResolver();
                installed = true;
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "SegoeWP-Bold" : "SegoeWP", mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        "SegoeWP-Bold" => FontDataHelper.SegoeWPBold,
        _ => FontDataHelper.SegoeWP,
    };
}
