using System.Globalization;
using System.Text;
using ServerlessBilling.Portal;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Portal;

/// <summary>The overview's chart, drawn on the server as inline SVG: one stacked bar per day of the period, a segment per component.
/// It scales to the width of the screen (viewBox), needs no script, and is described for screen readers by its title and the
/// totals table beside it.</summary>
public static class UsageChartSvg
{
    private const int Width = 640;
    private const int Height = 220;
    private const int Left = 40;
    private const int Bottom = 24;
    private const int Top = 10;

    /// <summary>Colours that keep a 3:1 contrast against white and apart from each other.</summary>
    public static string ColourOf(UsageComponent component) => component switch
    {
        UsageComponent.Telephony => "#1f6fb2",
        UsageComponent.AiVoice => "#b0500f",
        _ => "#2e7d32",
    };

    public static string LabelOf(UsageComponent component) => component switch
    {
        UsageComponent.Telephony => "Telephony",
        UsageComponent.AiVoice => "AI voice",
        UsageComponent.Transfer => "Transfers",
        _ => component.ToString(),
    };

    public static string Draw(UsageChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var days = chart.Points.Select(p => p.Day).Distinct().ToList();
        var scale = chart.BusiestDay <= 0m ? 1m : chart.BusiestDay;
        var slot = (Width - Left) / (decimal)Math.Max(days.Count, 1);
        var plot = Height - Bottom - Top;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg class="chart" viewBox="0 0 {Width} {Height}" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="chart-title">Billable minutes per day, {Html.Date(chart.Period.Start)} to {Html.Date(chart.Period.End.PlusDays(-1))}</title>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<desc id="chart-desc">Busiest day: {Html.Minutes(chart.BusiestDay)} minutes. Totals are in the table below.</desc>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Top + plot}" x2="{Width}" y2="{Top + plot}" stroke="#555"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 4}" y="{Top + 8}" text-anchor="end" font-size="10" fill="#333">{Html.Minutes(scale)}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 4}" y="{Top + plot}" text-anchor="end" font-size="10" fill="#333">0</text>""");
        for (var i = 0; i < days.Count; i++)
        {
            var x = Left + (i * slot) + (slot * 0.15m);
            var width = slot * 0.7m;
            var y = (decimal)(Top + plot);
            foreach (var point in chart.Points.Where(p => p.Day == days[i] && p.Minutes > 0m))
            {
                var height = point.Minutes / scale * plot;
                y -= height;
                svg.Append(CultureInfo.InvariantCulture,
                    $"""<rect class="bar" data-day="{Html.IsoDate(point.Day)}" data-component="{point.Component}" data-minutes="{Html.Minutes(point.Minutes)}" x="{x:0.##}" y="{y:0.##}" width="{width:0.##}" height="{height:0.##}" fill="{ColourOf(point.Component)}"><title>{Html.Date(point.Day)}: {LabelOf(point.Component)}, {Html.Minutes(point.Minutes)} min</title></rect>""");
            }

            if (i % 5 == 0)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"""<text x="{x + (width / 2):0.##}" y="{Height - 8}" text-anchor="middle" font-size="10" fill="#333">{days[i].Day}</text>""");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
