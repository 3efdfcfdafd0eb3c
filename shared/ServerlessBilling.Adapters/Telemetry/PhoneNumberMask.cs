using System.Text.RegularExpressions;

namespace ServerlessBilling.Telemetry;

/// <summary>How a phone number appears in a log record (see <see cref="PhoneNumberRedactor"/>): a leading <c>+</c>, its first digit and its last four
/// (<c>+1******0100</c>) unless <c>Telemetry:MaskPhoneNumbers</c> is false.</summary>
public sealed partial class PhoneNumberMask(bool masking)
{
    public bool Masking => masking;

    /// <summary>The text with every run of 7 to 15 digits (an E.164 number, with or without its +) masked, e.g. a quarantine reason
    /// naming the number no account holds.</summary>
    public string InText(string text) => masking ? Number().Replace(text, m => Show(m.Value)) : text;

    public string Show(string? number)
    {
        if (string.IsNullOrEmpty(number) || !masking)
        {
            return number ?? "";
        }

        var digits = number.Count(char.IsAsciiDigit);
        if (digits <= 4)
        {
            return new string('*', number.Length);
        }

        // Keep a leading + and one country-code digit when the number is in E.164; the rest but the last four become stars.
        var keepStart = number.StartsWith('+') ? 2 : 0;
        var chars = number.ToCharArray();
        var seen = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiDigit(chars[i]))
            {
                continue;
            }

            seen++;
            if (i >= keepStart && seen <= digits - 4)
            {
                chars[i] = '*';
            }
        }

        return new string(chars);
    }

    [GeneratedRegex(@"\+?(?<!\d)\d{7,15}(?!\d)")]
    private static partial Regex Number();
}
