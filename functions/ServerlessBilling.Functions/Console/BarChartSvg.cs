using System.Globalization;
using System.Text;
using ServerlessBilling.Functions.Portal;

namespace ServerlessBilling.Functions.Console;

/// <summary>A bar chart drawn on the server as inline SVG, one bar per labelled value, scaled to the largest. It needs no script, scales
/// with the screen (viewBox), and is described for screen readers by its title; the figures are in the table each chart sits beside.
/// Every bar carries its label and value as data attributes, so a test reads exactly what was drawn.</summary>
/// <remarks>The drawing is 640 units wide and shrinks with the screen: at phone width (390 px, about 340 px of chart) a unit is about
/// half a pixel, so text is set at <see cref="FontSize"/> units (about 11 px there; the stylesheet stops the chart growing past 36rem, where it is
/// about 18 px) and a label longer than its room is cut short with
/// an ellipsis (the bar's tooltip and the table keep it whole).</remarks>
public static class BarChartSvg
{
    /// <summary>The size of the chart's text, in drawing units.</summary>
    public const int FontSize = 20;

    private const int Width = 640;
    private const int Height = 240;
    private const int Left = 120;
    private const int Bottom = 40;
    private const int Top = 16;

    /// <summary>The width of an average character of the text, as a share of <see cref="FontSize"/>.</summary>
    private const decimal CharacterWidth = 0.58m;

    /// <summary>A bar per point, in order. <paramref name="id"/> names the chart (its title's id and the <c>data-chart</c> attribute).</summary>
    public static string Draw(string id, string title, IReadOnlyList<(string Label, decimal Value)> points, string colour = "#1f6fb2", int labelEvery = 1)
    {
        ArgumentNullException.ThrowIfNull(points);
        var largest = points.Count == 0 ? 0m : points.Max(p => Math.Abs(p.Value));
        var scale = largest <= 0m ? 1m : largest;
        var slot = (Width - Left) / (decimal)Math.Max(points.Count, 1);
        var plot = Height - Bottom - Top;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg class="chart" data-chart="{id}" viewBox="0 0 {Width} {Height}" role="img" aria-labelledby="{id}-title" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{Html.Encode(title)}</title>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Top + plot}" x2="{Width}" y2="{Top + plot}" stroke="#555"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 6}" y="{Top + 16}" text-anchor="end" font-size="{FontSize}" fill="#333">{Figure(scale)}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 6}" y="{Top + plot}" text-anchor="end" font-size="{FontSize}" fill="#333">0</text>""");
        var room = (int)(slot * labelEvery / (FontSize * CharacterWidth));
        for (var i = 0; i < points.Count; i++)
        {
            var (label, value) = points[i];
            var x = Left + (i * slot) + (slot * 0.15m);
            var width = slot * 0.7m;
            var height = Math.Abs(value) / scale * plot;
            svg.Append(CultureInfo.InvariantCulture,
                $"""<rect class="bar" data-label="{Html.Encode(label)}" data-value="{Figure(value)}" x="{x:0.##}" y="{Top + plot - height:0.##}" width="{width:0.##}" height="{height:0.##}" fill="{(value < 0 ? "#b3261e" : colour)}"><title>{Html.Encode(label)}: {Figure(value)}</title></rect>""");
            if (i % labelEvery == 0)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"""<text class="label" x="{x + (width / 2):0.##}" y="{Height - 12}" text-anchor="middle" font-size="{FontSize}" fill="#333">{Html.Encode(Shorten(label, room))}</text>""");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The label cut to <paramref name="room"/> characters, the last an ellipsis, when it is longer.</summary>
    public static string Shorten(string label, int room)
    {
        ArgumentNullException.ThrowIfNull(label);
        return label.Length <= room ? label : room <= 1 ? "…" : string.Concat(label.AsSpan(0, room - 1), "…");
    }

    /// <summary>A figure as the chart writes it: invariant, no grouping, at most two decimals.</summary>
    public static string Figure(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
