using System.Text;
using System.Text.Json;
using Azure.Core;

namespace ServerlessBilling.IntegrationTests.Documents;

/// <summary>Stands in for a managed identity: a bearer JWT for <c>https://storage.azure.com</c> from the Entra issuer of one
/// tenant, for one object id, valid an hour, and not signed (Azurite's basic OAuth does not check signatures).</summary>
public sealed class UnsignedStorageToken(string tenantId, string objectId) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        if (!requestContext.Scopes.Contains("https://storage.azure.com/.default"))
        {
            throw new InvalidOperationException($"Asked for {string.Join(' ', requestContext.Scopes)}, not storage.");
        }

        var now = DateTimeOffset.UtcNow;
        var expires = now.AddHours(1);
        var claims = new Dictionary<string, object>
        {
            ["aud"] = "https://storage.azure.com",
            ["iss"] = $"https://sts.windows.net/{tenantId}/",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["oid"] = objectId,
            ["tid"] = tenantId,
        };
        var token = $"{Part(new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT" })}.{Part(claims)}.";
        return new AccessToken(token, expires);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    private static string Part(Dictionary<string, object> values) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(values))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
