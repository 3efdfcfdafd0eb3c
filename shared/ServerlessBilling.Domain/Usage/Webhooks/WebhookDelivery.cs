namespace ServerlessBilling.Usage.Webhooks;

/// <summary>One delivery as received: its raw body and its headers (names compared without case).</summary>
public sealed record WebhookDelivery(ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers, string PathAndQuery = "")
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
