using System.Security.Cryptography;
using System.Text;

namespace ServerlessBilling.Access;

/// <summary>The secrets of API keys: <c>sb_live_{id}_{secret}</c>, where <c>{id}</c> is the key's id (8 hex digits) and <c>{secret}</c>
/// 32 random bytes in base64url (256 bits), so the stored SHA-256 alone is enough (no salt or slow hash is needed for a secret nobody chose).</summary>
/// <remarks>The id in the secret lets a presented key be looked up with one point read; the hash is then compared in constant time, so
/// the time a refusal takes says nothing about how much of the secret was right.</remarks>
public static class ApiKeySecrets
{
    public const string Marker = "sb_live_";

    private const int IdLength = 8;

    /// <summary>A new key id and its secret.</summary>
    public static (string Id, string Secret) Create()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"{PrefixOf(id)}_{secret}");
    }

    /// <summary><c>sb_live_{id}</c>.</summary>
    public static string PrefixOf(string id) => Marker + id;

    /// <summary>SHA-256 of the secret's UTF-8 bytes, lower-case hex.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The key id a presented secret names; null when it does not have the shape of a key.</summary>
    public static string? IdOf(string? presented)
    {
        if (presented is null || presented.Length < Marker.Length + IdLength + 2 || !presented.StartsWith(Marker, StringComparison.Ordinal)
            || presented[Marker.Length + IdLength] != '_')
        {
            return null;
        }

        var id = presented.Substring(Marker.Length, IdLength);
        return id.All(char.IsAsciiHexDigitLower) ? id : null;
    }

    /// <summary>Whether <paramref name="presented"/> is the secret whose hash is <paramref name="secretHash"/>, compared in constant time.</summary>
    public static bool Matches(string presented, string secretHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(secretHash));
}
