namespace ServerlessBilling.Payments;

/// <summary>Who the account is at its payment gateway and what it pays with.</summary>
/// <param name="Gateway">The gateway's name, e.g. <c>stripe</c>.</param>
public sealed record PaymentProfile(string Gateway, string CustomerId, PaymentMethodOnFile? DefaultMethod = null);
