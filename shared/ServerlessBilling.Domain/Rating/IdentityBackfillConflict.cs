using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>A usage row whose identity is claimed by a different billed version: the identity is billed in two places, or with
/// different facts, and a person decides which stands (the claim is left as it is).</summary>
/// <param name="Identity">The identity of the row and of the claim.</param>
/// <param name="AccountId">The account of the usage row.</param>
/// <param name="PeriodKey">The period of the usage row.</param>
/// <param name="ClaimedAccountId">The account the claim bills it to.</param>
/// <param name="ClaimedPeriodKey">The period the claim bills it in.</param>
/// <param name="Differences">The billing facts that differ (<see cref="EventConflict.DifferencesBetween"/>); empty when only the place differs.</param>
public sealed record IdentityBackfillConflict(
    EventIdentity Identity, string AccountId, string PeriodKey, string ClaimedAccountId, string ClaimedPeriodKey, IReadOnlyList<string> Differences);
