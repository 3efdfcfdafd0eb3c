using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ServerlessBilling.WebhooksOut;

/// <summary>Envelope encryption of the endpoints' signing secrets at rest: each secret is sealed with AES-256-GCM under a data
/// key of its own, and that data key is sealed with AES-256-GCM under the key-encryption key <c>WebhooksOut:SecretKey</c> (in
/// Azure a Key Vault reference to the secret <c>webhook-secrets-key</c>, so the key never sits in storage or in app settings).</summary>
/// <remarks>
/// <para>Stored form: <c>enc1.{key id}.{sealed data key}.{sealed secret}</c>, each sealed part base64url of nonce, ciphertext
/// and tag. The key id (the first 8 hex digits of the key's SHA-256) makes a row sealed under another key fail with a message
/// naming both, not with a bare authentication error. The sealed secret is bound to its row and property (associated data),
/// so a value copied into another endpoint's row does not open.</para>
/// <para>A value without the prefix is a secret stored before encryption (<c>whsec_...</c>): it is read as it is, and
/// <see cref="TableWebhookEndpoints"/> seals it at the next write of its row. Without a key (<see cref="None"/>, local
/// development) secrets are written as they are, and a sealed one cannot be read: that is a configuration error and throws.</para>
/// </remarks>
public sealed class WebhookSecretCipher
{
    private const string Prefix = "enc1.";
    private const int KeySize = 32;
    private readonly byte[]? key;
    private readonly string? keyId;

    /// <param name="key">The 32-byte key-encryption key; null to store secrets unencrypted.</param>
    public WebhookSecretCipher(byte[]? key)
    {
        if (key is not null && key.Length != KeySize)
        {
            throw new ArgumentException($"The key-encryption key must be {KeySize} bytes.", nameof(key));
        }

        this.key = key;
        keyId = key is null ? null : Convert.ToHexStringLower(SHA256.HashData(key))[..8];
    }

    /// <summary>Writes secrets as they are: for development without a key.</summary>
    public static WebhookSecretCipher None { get; } = new(null);

    /// <summary>Whether secrets are sealed when written.</summary>
    public bool Encrypts => key is not null;

    /// <summary>Whether <paramref name="stored"/> is a sealed value (not a secret stored before encryption).</summary>
    public static bool IsSealed(string? stored) => stored?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>The form to store <paramref name="secret"/> in, for the row and property <paramref name="context"/> names.</summary>
    public string? Seal(string? secret, string context)
    {
        if (secret is null || key is null)
        {
            return secret;
        }

        var dataKey = RandomNumberGenerator.GetBytes(KeySize);
        var sealedKey = Encrypt(key, dataKey, Encoding.UTF8.GetBytes("dek|" + keyId));
        var sealedSecret = Encrypt(dataKey, Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(context));
        return $"{Prefix}{keyId}.{Base64Url.EncodeToString(sealedKey)}.{Base64Url.EncodeToString(sealedSecret)}";
    }

    /// <summary>The secret <paramref name="stored"/> holds, sealed or stored before encryption.</summary>
    /// <exception cref="InvalidOperationException">It is sealed, and this cipher has no key or another one.</exception>
    /// <exception cref="CryptographicException">It was changed or copied from another row.</exception>
    public string? Open(string? stored, string context)
    {
        if (!IsSealed(stored))
        {
            return stored;
        }

        var parts = stored!.Split('.');
        if (parts.Length != 4)
        {
            throw new CryptographicException("A sealed webhook secret is not in the form enc1.{key id}.{key}.{secret}.");
        }

        if (key is null || parts[1] != keyId)
        {
            throw new InvalidOperationException(
                $"A webhook secret is sealed under key {parts[1]}, and WebhooksOut:SecretKey is {(key is null ? "not set" : $"key {keyId}")}: set the key it was sealed with.");
        }

        var dataKey = Decrypt(key, Base64Url.DecodeFromChars(parts[2]), Encoding.UTF8.GetBytes("dek|" + keyId));
        return Encoding.UTF8.GetString(Decrypt(dataKey, Base64Url.DecodeFromChars(parts[3]), Encoding.UTF8.GetBytes(context)));
    }

    private static byte[] Encrypt(byte[] with, byte[] plaintext, byte[] associated)
    {
        var output = new byte[AesGcm.NonceByteSizes.MaxSize + plaintext.Length + AesGcm.TagByteSizes.MaxSize];
        var nonce = output.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(with, AesGcm.TagByteSizes.MaxSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(nonce.Length, plaintext.Length), output.AsSpan(nonce.Length + plaintext.Length), associated);
        return output;
    }

    private static byte[] Decrypt(byte[] with, byte[] input, byte[] associated)
    {
        const int Overhead = 12 + 16;
        if (input.Length < Overhead)
        {
            throw new CryptographicException("A sealed webhook secret is too short.");
        }

        var plaintext = new byte[input.Length - Overhead];
        using var aes = new AesGcm(with, 16);
        aes.Decrypt(input.AsSpan(0, 12), input.AsSpan(12, plaintext.Length), input.AsSpan(12 + plaintext.Length), plaintext, associated);
        return plaintext;
    }
}
