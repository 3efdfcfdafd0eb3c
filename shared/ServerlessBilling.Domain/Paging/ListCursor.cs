using System.Security.Cryptography;
using System.Text;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Paging;

/// <summary>The cursor a client passes back for the next page: the storage's continuation token and the filters it was read
/// with, sealed by a checksum and encoded base64url, so a client treats it as opaque and the API notices an edited cursor or
/// one reused with other filters.</summary>
/// <remarks>The checksum is a digest, not a secret-keyed MAC: a continuation token only says where a scan resumes, so a
/// forged one reads nothing the caller could not list anyway; what the check buys is a clear 400 instead of a page of the
/// wrong list.</remarks>
public static class ListCursor
{
    private const char Separator = '\n';

    /// <summary>The cursor for the page after the one read with <paramref name="filter"/>; null when there is none.</summary>
    /// <param name="filter">The list's name and every filter value, in a fixed order (<c>accounts|parent=acme|status=</c>).</param>
    public static string? Encode(string? continuationToken, string filter)
    {
        if (continuationToken is null)
        {
            return null;
        }

        var body = FilterHash(filter) + Separator + continuationToken;
        return Base64Url(Encoding.UTF8.GetBytes(Checksum(body) + Separator + body));
    }

    /// <summary>The continuation token inside <paramref name="cursor"/> (null for no cursor: the first page), or a problem
    /// naming <c>cursor</c> when it was not issued by <see cref="Encode"/> or was issued for another <paramref name="filter"/>.</summary>
    public static Outcome<string?> Decode(string? cursor, string filter)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return Outcome<string?>.Success(null);
        }

        var text = TryDecodeBase64Url(cursor);
        var parts = text?.Split(Separator, 3);
        if (parts is not { Length: 3 } || Checksum(parts[1] + Separator + parts[2]) != parts[0])
        {
            return Refused("is not a cursor this list returned; pass next_cursor exactly as received");
        }

        return parts[1] == FilterHash(filter)
            ? Outcome<string?>.Success(parts[2])
            : Refused("was returned for other filters; repeat the filters of the first page or start again without a cursor");
    }

    private static Problem Refused(string reason) => Problem.Invalid("The cursor cannot be used", new RecordProblem("cursor", reason));

    private static string FilterHash(string filter) => Digest("filter|" + filter);

    private static string Checksum(string body) => Digest("cursor|" + body);

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? TryDecodeBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, buffer, out var written))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
