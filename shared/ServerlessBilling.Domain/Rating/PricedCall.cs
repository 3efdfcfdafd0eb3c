using ServerlessBilling.Accounts;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Rating;

/// <summary>A call that rating attributed and priced, waiting to be recorded with the rest of its message.</summary>
/// <param name="Account">The account it bills.</param>
/// <param name="Usage">The call (one component).</param>
/// <param name="Charge">Its price.</param>
/// <param name="Delivery">The delivery's stable name (<c>{message}#{position}</c>), or null when it has none.</param>
public sealed record PricedCall(Account Account, UsageEvent Usage, Charge Charge, string? Delivery);
