namespace ServerlessBilling.Payments;

/// <summary>A gateway's own pages for entering payment details (Stripe Checkout, Authorize.Net Accept Hosted). What the customer
/// enters there never passes through us: the outcome comes back through the gateway's signed webhook.</summary>
public interface IHostedPaymentPages
{
    /// <summary>The gateway these pages belong to (<see cref="PaymentGatewayNames"/>).</summary>
    string Gateway { get; }

    /// <summary>A page that saves a payment method for later charges; the gateway's webhook then names it (<see cref="ChosenPaymentMethod"/>).</summary>
    Task<HostedPaymentPage> StartSetupAsync(HostedSetupRequest request, CancellationToken cancellationToken);

    /// <summary>A page that takes one payment of an invoice; the gateway's webhook then reports it as a payment of that invoice.</summary>
    Task<HostedPaymentPage> StartPaymentAsync(HostedPaymentRequest request, CancellationToken cancellationToken);
}
