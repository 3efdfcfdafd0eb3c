using System.Security.Cryptography;
using System.Text;

namespace ServerlessBilling.Usage.Twilio;

/// <summary>Verifies <c>X-Twilio-Signature</c>: Base64(HMAC-SHA1(auth token, URL + each POST parameter name and value, names in ordinal order)).</summary>
/// <remarks>
/// The URL must be the public one Twilio called (a gateway changes host and port), so callers build it from
/// configuration. Twilio signs HTTPS voice callbacks without the port, so both spellings are accepted.
/// </remarks>
public static class TwilioSignature
{
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> formParameters)
    {
        var text = new StringBuilder(url);
        foreach (var (name, value) in formParameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(value);
        }

        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToBase64String(mac);
    }

    public static bool IsValid(string authToken, Uri url, IReadOnlyList<KeyValuePair<string, string>> formParameters, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken))
        {
            return false;
        }

        var received = Encoding.ASCII.GetBytes(signature);
        return CandidateUrls(url).Any(candidate =>
            CryptographicOperations.FixedTimeEquals(received, Encoding.ASCII.GetBytes(Compute(authToken, candidate, formParameters))));
    }

    private static IEnumerable<string> CandidateUrls(Uri url)
    {
        yield return url.AbsoluteUri;
        var withoutPort = new UriBuilder(url) { Port = -1 }.Uri.AbsoluteUri;
        if (withoutPort != url.AbsoluteUri)
        {
            yield return withoutPort;
        }
    }
}
