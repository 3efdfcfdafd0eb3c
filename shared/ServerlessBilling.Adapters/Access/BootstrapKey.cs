using System.Security.Cryptography;
using System.Text;

namespace ServerlessBilling.Access;

/// <summary>The key that is admin without being an API key: the Functions host's function key in Azure, the local host's key locally.
/// It issues the first API keys, and stays usable as the operators' own key.</summary>
/// <param name="Value">Null or empty: there is none, and only API keys are accepted.</param>
public sealed record BootstrapKey(string? Value)
{
    /// <summary>Whether <paramref name="presented"/> is this key, compared in constant time.</summary>
    public bool Matches(string? presented) =>
        !string.IsNullOrEmpty(Value) && presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(Value));
}
