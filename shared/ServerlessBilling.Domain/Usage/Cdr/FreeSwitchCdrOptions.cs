using NodaTime;

namespace ServerlessBilling.Usage.Cdr;

/// <summary>How a FreeSWITCH <c>mod_cdr_csv</c> file is to be read.</summary>
/// <param name="TimeZone">The server's zone: the stamps are local times without an offset.</param>
/// <param name="Template">The template the server writes with; null picks a built-in one by each line's column count (15, 13 or 18).</param>
/// <param name="InboundContexts">Dialplan contexts whose calls come in from the network (the stock dialplan's <c>public</c>); any other is outbound.</param>
public sealed record FreeSwitchCdrOptions(DateTimeZone TimeZone, FreeSwitchTemplate? Template, IReadOnlySet<string> InboundContexts)
{
    public static readonly IReadOnlySet<string> DefaultInboundContexts = new HashSet<string>(["public"], StringComparer.Ordinal);

    public static FreeSwitchCdrOptions Utc { get; } = new(DateTimeZone.Utc, null, DefaultInboundContexts);
}
