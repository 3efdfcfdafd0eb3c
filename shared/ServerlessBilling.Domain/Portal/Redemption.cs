namespace ServerlessBilling.Portal;

/// <summary>The result of redeeming a portal link: the session it opened, or why it opened none.</summary>
public sealed record Redemption(PortalSession? Session, RedemptionRefusal? Refusal)
{
    public static Redemption Opened(PortalSession session) => new(session, null);

    public static Redemption Refused(RedemptionRefusal refusal) => new(null, refusal);
}
