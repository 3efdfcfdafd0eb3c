using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>Where an account's payment profile was before an import moved it to another gateway (<see cref="PaymentProfile.MigratedFrom"/>).</summary>
/// <param name="Gateway">The gateway it left, e.g. <c>authorizenet</c>.</param>
/// <param name="CustomerId">Its customer there (an Authorize.Net customer profile id).</param>
/// <param name="PaymentMethodId">The method it paid with there (an Authorize.Net payment profile id).</param>
/// <param name="ImportId">The migration import that moved it (<c>GET /api/payment-migrations/{importId}</c>).</param>
/// <param name="MigratedAt">When the import moved it.</param>
public sealed record PreviousPaymentProfile(string Gateway, string CustomerId, string PaymentMethodId, string ImportId, Instant MigratedAt);
