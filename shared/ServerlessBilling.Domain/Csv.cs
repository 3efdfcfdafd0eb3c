using System.Globalization;

namespace ServerlessBilling;

/// <summary>CSV cells that are safe to open in a spreadsheet.</summary>
/// <remarks>
/// Caller ids, vendor names and account names come from outside; a cell starting with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or a carriage return would be run as a formula by Excel or Sheets, so such text is prefixed with
/// a quote (<c>'</c>). An E.164 number (<c>+1...</c>) is therefore written <c>'+1...</c>, which spreadsheets show as the
/// number's text. Numbers are written with <see cref="Number(decimal?)"/>, invariant and unquoted, so they stay numbers.
/// </remarks>
public static class Csv
{
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var safe = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    public static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
