namespace ServerlessBilling.Payments;

/// <summary>A payment method the customer saved on the gateway's hosted page, as its webhook reports it.</summary>
/// <param name="EventId">The gateway's event id.</param>
/// <param name="AccountId">Our account, from the metadata we gave the hosted page.</param>
/// <param name="PaymentMethodId">The gateway's token for the method.</param>
/// <param name="Gateway">The gateway's name (<see cref="PaymentGatewayNames"/>).</param>
public sealed record ChosenPaymentMethod(string EventId, string AccountId, string PaymentMethodId, string Gateway);
