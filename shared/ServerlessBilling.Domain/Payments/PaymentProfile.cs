using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>Who the account is at its payment gateway and what it pays with.</summary>
/// <param name="Gateway">The gateway's name, e.g. <c>stripe</c>.</param>
/// <param name="MethodChosenAt">When <paramref name="DefaultMethod"/> was chosen: the gateway's event time for a method saved on its hosted
/// page, the time of the call for one set through the API. A hosted-page choice made earlier than this, delivered late, is not applied.
/// Null for a profile stored before the time was kept.</param>
public sealed record PaymentProfile(string Gateway, string CustomerId, PaymentMethodOnFile? DefaultMethod = null, Instant? MethodChosenAt = null);
