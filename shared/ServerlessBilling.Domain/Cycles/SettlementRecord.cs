namespace ServerlessBilling.Cycles;

/// <summary>The period's last claimed settlement (null before the first) and the version of that record, to claim the next one against.</summary>
public sealed record SettlementRecord(SettlementClaim? Last, string? Version)
{
    public static readonly SettlementRecord None = new(null, null);
}
