using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>A payment method the customer saved on the gateway's hosted page, as its webhook reports it.</summary>
/// <param name="EventId">The gateway's event id.</param>
/// <param name="AccountId">Our account, from the metadata we gave the hosted page.</param>
/// <param name="PaymentMethodId">The gateway's token for the method.</param>
/// <param name="Gateway">The gateway's name (<see cref="PaymentGatewayNames"/>).</param>
/// <param name="ChosenAt">When the gateway created the event (Stripe's <c>created</c>, Authorize.Net's <c>eventDate</c>). Gateways deliver
/// in any order: a choice made before the method on file was set is not applied (<see cref="PaymentProfile.MethodChosenAt"/>).</param>
public sealed record ChosenPaymentMethod(string EventId, string AccountId, string PaymentMethodId, string Gateway, Instant? ChosenAt = null);
