using NodaTime;

namespace ServerlessBilling.Usage.Cdr;

/// <summary>How an Asterisk server's <c>Master.csv</c> is to be read.</summary>
/// <param name="TimeZone">The server's zone: Asterisk writes local times without an offset unless <c>usegmtime=yes</c> (then pass UTC).</param>
/// <param name="InboundContexts">Dialplan contexts whose calls come in from the network; any other context is an outbound call.</param>
public sealed record AsteriskCdrOptions(DateTimeZone TimeZone, IReadOnlySet<string> InboundContexts)
{
    public static readonly IReadOnlySet<string> DefaultInboundContexts =
        new HashSet<string>(["from-trunk", "from-pstn", "from-external", "from-did"], StringComparer.Ordinal);

    public static AsteriskCdrOptions Utc { get; } = new(DateTimeZone.Utc, DefaultInboundContexts);
}
