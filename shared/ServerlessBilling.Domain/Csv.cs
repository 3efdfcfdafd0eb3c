using System.Globalization;

namespace ServerlessBilling;

/// <summary>RFC 4180 CSV cells that are also safe to open in a spreadsheet.</summary>
/// <remarks>
/// A cell holding a comma, a double quote, a CR or an LF is quoted, its quotes doubled. Free text (caller names, vendor
/// names, account names) comes from outside; a cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
/// carriage return would be run as a formula by Excel or Sheets, so such text is prefixed with a quote (<c>'</c>).
/// A valid E.164 number (<see cref="Phone"/>) is only <c>+</c> and digits, so it cannot run as a formula and is written
/// as it is, for the systems that read it back. Numbers are written with <see cref="Number(decimal?)"/>, invariant and
/// unquoted, so they stay numbers.
/// </remarks>
public static class Csv
{
    /// <summary>A free-text cell: guarded against formulas, quoted when RFC 4180 needs it.</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var safe = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    /// <summary>A phone number cell: a number that passes <see cref="Usage.PhoneNumbers.IsValidE164"/> as it is, anything else as <see cref="Text"/>.</summary>
    public static string Phone(string? value) =>
        value is not null && Usage.PhoneNumbers.IsValidE164(value) ? value : Text(value);

    /// <summary>A number cell, invariant and unquoted; empty for null.</summary>
    public static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>A whole-number cell, invariant and unquoted.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
