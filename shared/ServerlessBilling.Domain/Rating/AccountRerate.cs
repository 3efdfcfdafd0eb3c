namespace ServerlessBilling.Rating;

/// <summary>One account's part of a re-rating of every account.</summary>
public sealed record AccountRerate(string AccountId, string PeriodStart, RerateOutcome Outcome);
