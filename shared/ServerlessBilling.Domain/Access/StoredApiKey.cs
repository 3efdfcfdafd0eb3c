namespace ServerlessBilling.Access;

/// <summary>An API key as it is stored: the key and the SHA-256 of its secret (lower-case hex), from which the secret cannot be recovered.</summary>
public sealed record StoredApiKey(ApiKey Key, string SecretHash);
