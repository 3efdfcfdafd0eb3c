using System.Globalization;
using System.Text.Encodings.Web;
using NodaTime;
using NodaTime.Text;

namespace ServerlessBilling.Functions.Portal;

/// <summary>Text into HTML: every value a page shows goes through <see cref="Encode"/>, so account names and call data cannot become markup.</summary>
public static class Html
{
    private static readonly LocalDatePattern Day = LocalDatePattern.CreateWithInvariantCulture("d MMM uuuu");

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string Money(Money money) =>
        Encode($"{money.Amount.ToString("N2", CultureInfo.InvariantCulture)} {money.Currency}");

    public static string Date(LocalDate date) => Encode(Day.Format(date));

    public static string IsoDate(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Minutes(decimal minutes) => minutes.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A query string of the non-empty pairs, encoded; empty when there are none.</summary>
    public static string Query(params (string Name, string? Value)[] pairs)
    {
        var set = pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return set.Count == 0 ? "" : "?" + string.Join("&amp;", set);
    }
}
