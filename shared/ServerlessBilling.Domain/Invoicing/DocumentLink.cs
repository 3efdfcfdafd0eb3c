using NodaTime;

namespace ServerlessBilling.Invoicing;

/// <summary>A signed URL that reads one document file without a key until <paramref name="ExpiresAt"/>.</summary>
public sealed record DocumentLink(string Kind, Uri Url, Instant ExpiresAt);
