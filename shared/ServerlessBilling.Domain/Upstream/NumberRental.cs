namespace ServerlessBilling.Upstream;

/// <summary>What a vendor is expected to charge for the numbers its customers held in a month, from its cost plan's monthly number fees.</summary>
/// <param name="Numbers">Numbers held on at least one day of the month by the accounts billed under the vendor that month.</param>
/// <param name="Expected">Their monthly fees: a whole month's fee per number held on any day of it (as carriers bill rental), by number
/// type where the cost plan prices types apart.</param>
/// <param name="CostPlan">The cost plan whose number fees priced them; null when no cost plan of the vendor charges for numbers.</param>
/// <remarks>Shown beside the month's call totals, not added to them: a vendor's call statement does not list rental, and a customer's
/// number fee is billed on its invoice, not per call.</remarks>
public sealed record NumberRental(int Numbers, decimal Expected, string? CostPlan)
{
    /// <summary>No cost plan of the vendor charges for numbers.</summary>
    public static NumberRental None { get; } = new(0, 0m, null);
}
