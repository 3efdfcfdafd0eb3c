using NodaTime;

namespace ServerlessBilling.Cycles;

/// <summary>The next settlement of a closed period's re-rating, recorded in the cycle ledger before it is written, so that
/// two re-ratings racing each other settle one difference, not two.</summary>
/// <param name="Key">The adjustment id (a charge) or the credit note's idempotency key (a credit): writing it again writes nothing new.</param>
/// <param name="Amount">Positive: charged on the next invoice; a credit note's amount for <see cref="SettlementKind.Credit"/>.</param>
/// <param name="At">When it was claimed; a charge is dated by it.</param>
public sealed record SettlementClaim(SettlementKind Kind, string Key, Money Amount, string Description, Instant At);
