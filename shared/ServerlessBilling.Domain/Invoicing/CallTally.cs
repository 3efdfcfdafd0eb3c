namespace ServerlessBilling.Invoicing;

/// <summary>What a usage line (or one part of it) needs of its calls, added up as the calls go by, so a line of a million calls
/// holds none of them: how many, their charged seconds, the exact sum of their charged amounts and the unit price the line shows.</summary>
/// <remarks>Amounts are added in the order the calls come (call-start order), as summing a list of them would, so the sums are
/// the same decimals to the last digit.</remarks>
internal sealed class CallTally
{
    private PriceSeen charged;
    private PriceSeen any;

    public int Count { get; private set; }

    public long ChargedSeconds { get; private set; }

    /// <summary>The sum of the calls' charged amounts, unrounded.</summary>
    public decimal ChargedAmount { get; private set; }

    /// <summary>The one price per minute of the calls' charged seconds (a bundle's overage price where one applies); when no call
    /// has charged seconds, the one price of all the calls; null when they differ (or there are no calls).</summary>
    public decimal? UnitPrice => charged.Seen ? charged.Single : any.Single;

    public void Add(DrawnCall call)
    {
        Count++;
        ChargedSeconds += call.ChargedSeconds;
        ChargedAmount += call.ChargedAmount;
        var price = call.ChargedSeconds > 0 && call.Bundle?.OveragePerMinute is { } overage ? overage : call.Usage.Charge.UnitPrice;
        any = any.With(price);
        if (call.ChargedSeconds > 0)
        {
            charged = charged.With(price);
        }
    }

    /// <summary>The first price seen and whether every price since equals it.</summary>
    private readonly record struct PriceSeen(bool Seen, decimal First, bool Differs)
    {
        public decimal? Single => Seen && !Differs ? First : null;

        public PriceSeen With(decimal price) => Seen ? this with { Differs = Differs || price != First } : new PriceSeen(true, price, false);
    }
}
