using NodaTime;

namespace ServerlessBilling.Payments;

/// <param name="Id">The id of the adjustment that bills it, or of the late fee's own invoice.</param>
/// <param name="Amount">In the invoice's currency.</param>
/// <param name="At">When it was assessed; an invoice of its own is issued on that date.</param>
public sealed record AssessedFee(string Id, Money Amount, Instant At);
