using Microsoft.AspNetCore.Http;

namespace ServerlessBilling.Functions.Http;

/// <summary>Who called a keyed route, as <see cref="ApiKeyGate"/> let the request through: <c>the bootstrap key</c>, or an API key by its
/// prefix. Kept on the request, so a function can name the caller in its audit records; never a secret.</summary>
public static class ApiCaller
{
    /// <summary>How the audit records name the bootstrap key (the function key).</summary>
    public const string BootstrapKey = "the bootstrap key";

    private static readonly object Key = new();

    /// <summary>The caller the gate recorded; <c>an anonymous caller</c> on a public route, where the gate records none.</summary>
    public static string Of(HttpRequest request) =>
        request.HttpContext.Items.TryGetValue(Key, out var caller) && caller is string name ? name : "an anonymous caller";

    internal static void Record(HttpContext http, string caller) => http.Items[Key] = caller;
}
