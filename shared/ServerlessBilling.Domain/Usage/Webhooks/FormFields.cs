using System.Text;

namespace ServerlessBilling.Usage.Webhooks;

/// <summary>Reads an <c>application/x-www-form-urlencoded</c> body from its raw bytes, in order, repeated names kept.</summary>
/// <remarks>Values are not trimmed: Twilio signs them exactly as sent.</remarks>
public static class FormFields
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(ReadOnlySpan<byte> body)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var pair in Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            fields.Add(KeyValuePair.Create(Decode(name), Decode(value)));
        }

        return fields;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
