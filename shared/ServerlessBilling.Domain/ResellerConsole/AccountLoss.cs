using ServerlessBilling.Rating;

namespace ServerlessBilling.ResellerConsole;

/// <summary>A loss-making call with the account and period it was billed in, so the dashboard links it to its account.</summary>
public sealed record AccountLoss(string AccountId, string PeriodKey, LossMakingCall Call);
