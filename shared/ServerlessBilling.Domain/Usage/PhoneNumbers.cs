namespace ServerlessBilling.Usage;

/// <summary>Brings the number spellings sources use ("+14155550100", "14155550100", "4155550100") to E.164.</summary>
/// <remarks>
/// Ten digits are taken as North American (+1); anything else gets a leading "+". SIP URIs and client
/// identities are returned unchanged so attribution can still match them literally.
/// </remarks>
public static class PhoneNumbers
{
    public static string ToE164(string raw)
    {
        var trimmed = raw.Trim();
        if (trimmed.Length == 0 || trimmed.Contains(':', StringComparison.Ordinal) || trimmed.Contains('@', StringComparison.Ordinal))
        {
            return trimmed;
        }

        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
        {
            return trimmed;
        }

        return digits.Length == 10 && !trimmed.StartsWith('+') ? "+1" + digits : "+" + digits;
    }
}
