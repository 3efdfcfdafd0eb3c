using NodaTime;

namespace ServerlessBilling.Invoicing;

/// <summary>How long a signed document link stays valid.</summary>
public sealed record DocumentLinkOptions(Duration Lifetime)
{
    /// <summary>Fifteen minutes: long enough to open from a portal or an event, short enough that a leaked link soon dies.</summary>
    public static DocumentLinkOptions Default { get; } = new(Duration.FromMinutes(15));
}
