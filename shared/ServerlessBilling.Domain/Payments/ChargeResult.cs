namespace ServerlessBilling.Payments;

/// <param name="PaymentId">The gateway's id of the attempt (Stripe's PaymentIntent id).</param>
/// <param name="ActionUrl">Where the customer completes a <see cref="ChargeStatus.RequiresAction"/> payment, if the gateway gives one.</param>
public sealed record ChargeResult(
    ChargeStatus Status,
    string? PaymentId,
    Money Amount,
    string? DeclineCode = null,
    DeclineKind? Decline = null,
    string? Message = null,
    string? ActionUrl = null);
