using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>The delivery that claimed an event identity first: the usage as it was billed, and which delivery it came in.</summary>
/// <param name="Billed">The version billed: the event, the account and period that bill it, and its first charge.</param>
/// <param name="Delivery">Which delivery claimed it (<c>{message or CDR batch}#{position}</c>), so a retry of that same delivery
/// counts the event as accepted again rather than as its own duplicate; null when the delivery had no stable name.</param>
public sealed record IdentityClaim(RatedUsage Billed, string? Delivery)
{
    public EventIdentity Identity => Billed.Event.Identity;

    /// <summary>The delivery a claim names once a replacement moved it (<paramref name="replacement"/> names the replacement): never a
    /// delivery's or a CDR batch's name, so no later delivery takes the claim for its own, and the claiming batch's finished rating is
    /// never taken as proof of the moved row (<see cref="FinishedBatches"/>).</summary>
    public static string ReplacedBy(string replacement) => ReplacedPrefix + replacement;

    /// <summary>Whether the delivery is a replacement's name (<see cref="ReplacedBy"/>).</summary>
    public static bool IsReplacement(string? delivery) => delivery?.StartsWith(ReplacedPrefix, StringComparison.Ordinal) == true;

    private const string ReplacedPrefix = "replaced:";
}
