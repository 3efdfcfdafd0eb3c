using System.Text.Json.Nodes;

namespace ServerlessBilling.Payments.AuthorizeNet;

/// <summary>One answer: its <c>messages</c> (result code Ok or Error, with codes like <c>E00039</c>) and the request-specific fields.</summary>
public sealed record AuthorizeNetResponse(JsonObject Body)
{
    public bool IsOk => string.Equals(Text(Body["messages"]?["resultCode"]), "Ok", StringComparison.OrdinalIgnoreCase);

    public string? MessageCode => Text(Body["messages"]?["message"]?[0]?["code"]);

    public string? MessageText => Text(Body["messages"]?["message"]?[0]?["text"]);

    public JsonNode? this[string name] => Body[name];

    /// <summary>A field's text whether Authorize.Net sent it as a string or a number.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    /// <summary>Throws for a message-level error: the call was refused (credentials, malformed request), not answered.</summary>
    public AuthorizeNetResponse EnsureOk(string what) => IsOk
        ? this
        : throw new AuthorizeNetException(MessageCode, $"Authorize.Net refused {what}: {MessageCode} {MessageText}");
}
