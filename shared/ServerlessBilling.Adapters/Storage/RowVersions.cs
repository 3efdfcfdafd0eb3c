using System.Security.Cryptography;
using System.Text;
using Azure;

namespace ServerlessBilling.Storage;

/// <summary>A stored row's version as the domain sees it: a digest of the row's ETag, which quotes safely in an HTTP entity tag.</summary>
internal static class RowVersions
{
    public static string Of(ETag etag) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(etag.ToString())))[..20];

    /// <summary>The version of the row a write answered with.</summary>
    public static string Of(Response written) =>
        Of(written.Headers.ETag ?? throw new InvalidOperationException("The table returned no ETag."));
}
