using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ServerlessBilling.Functions.Console;

/// <summary>The user App Service authentication signed in, from the <c>X-MS-CLIENT-PRINCIPAL</c> header the platform adds (base64 JSON
/// with the token's claims). The platform drops that header when a client sends it, so it is trusted only where the platform's
/// authentication is on (<c>Console:EntraSignIn</c>).</summary>
public sealed record EntraPrincipal(string Name, IReadOnlyList<string> Roles)
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>Where the platform signs a user in and sends them back to the console.</summary>
    public static string SignInPath => $"/.auth/login/aad?post_login_redirect_uri={Uri.EscapeDataString(ConsoleLayout.Root)}";

    /// <summary>The principal in the request's header; null when there is none or it does not parse.</summary>
    public static EntraPrincipal? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers[Header].FirstOrDefault() is not { Length: > 0 and < 32_768 } encoded)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
            var root = json.RootElement;
            var nameType = root.TryGetProperty("name_typ", out var n) ? n.GetString() : null;
            var roleType = root.TryGetProperty("role_typ", out var r) ? r.GetString() : null;
            var claims = root.GetProperty("claims").EnumerateArray()
                .Select(c => (Type: c.GetProperty("typ").GetString() ?? "", Value: c.GetProperty("val").GetString() ?? "")).ToList();
            var name = claims.FirstOrDefault(c => c.Type == nameType || c.Type is "name" or "preferred_username").Value;
            var roles = claims.Where(c => c.Type == roleType || c.Type == "roles").Select(c => c.Value).ToList();
            return new EntraPrincipal(string.IsNullOrWhiteSpace(name) ? "Entra ID user" : name, roles);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
