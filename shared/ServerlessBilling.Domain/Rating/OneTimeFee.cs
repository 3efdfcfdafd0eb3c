namespace ServerlessBilling.Rating;

/// <summary>A fee billed once when service starts.</summary>
public sealed record OneTimeFee(string Code, string Description, decimal Amount);
