using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>Who the account is at its payment gateway and what it pays with.</summary>
/// <param name="Gateway">The gateway's name, e.g. <c>stripe</c>.</param>
/// <param name="MethodChosenAt">When <paramref name="DefaultMethod"/> was chosen: the gateway's event time for a method saved on its hosted
/// page, the time of the call for one set through the API. A hosted-page choice made earlier than this, delivered late, is not applied.
/// Null for a profile stored before the time was kept.</param>
/// <param name="MigratedFrom">The profile at another gateway that a migration import carried over to this one, so the customer never typed the
/// method in again; null for a method chosen here. Choosing another method drops it: it describes <paramref name="DefaultMethod"/>.</param>
public sealed record PaymentProfile(
    string Gateway, string CustomerId, PaymentMethodOnFile? DefaultMethod = null, Instant? MethodChosenAt = null, PreviousPaymentProfile? MigratedFrom = null);
