namespace ServerlessBilling.Telemetry;

/// <summary>How a phone number appears in an information-level log record: its country code and last four digits
/// (<c>+1******0100</c>) unless <c>Telemetry:MaskPhoneNumbers</c> is false. Debug records may show it whole.</summary>
public sealed class PhoneNumberMask(bool masking)
{
    public bool Masking => masking;

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
}
