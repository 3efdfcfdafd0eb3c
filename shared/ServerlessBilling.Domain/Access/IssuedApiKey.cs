namespace ServerlessBilling.Access;

/// <summary>A key just issued, with its secret: the only time the secret is shown (only its hash is stored).</summary>
/// <param name="Secret"><c>sb_live_{id}_{...}</c>, sent as <c>Authorization: Bearer {secret}</c>.</param>
public sealed record IssuedApiKey(ApiKey Key, string Secret);
