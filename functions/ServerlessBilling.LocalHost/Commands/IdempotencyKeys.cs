using System.Security.Cryptography;
using System.Text;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>The idempotency key a verb sends when the operator gives none: derived from the request's own words, so the same command
/// twice is one request.</summary>
/// <remarks>A hash, not the words: a reason or reference may hold spaces or run long, which a key may not (1 to 128 letters, digits,
/// '.', '_', ':' or '-'), and the command line's <c>--url</c> and <c>--key</c> have no place in a stored key.</remarks>
public static class IdempotencyKeys
{
    public static string From(params string?[] words) =>
        "cli:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', words.Select(w => w ?? "")))))[..32];
}
