using Stripe.Checkout;

namespace ServerlessBilling.Payments;

/// <summary>Stripe Checkout as the portal's hosted pages: a session in <c>setup</c> mode saves a payment method for the account's
/// customer, one in <c>payment</c> mode takes an invoice's balance. Checkout offers the methods enabled in the Stripe Dashboard
/// (cards, US bank accounts, Apple Pay and Google Pay), and nothing the customer enters passes through us.</summary>
/// <remarks>
/// Our metadata rides on the intent Checkout creates (<c>setup_intent_data</c>, <c>payment_intent_data</c>), so its webhook
/// names the account or invoice: <c>setup_intent.succeeded</c> sets the saved method as the account's default, and
/// <c>payment_intent.succeeded</c> records the payment on the invoice like any charge (<see cref="StripeEventMapping"/>).
/// Sessions are not created under an idempotency key: each visit is its own session, and an abandoned one expires at Stripe.
/// </remarks>
public sealed class StripeCheckout(StripeOptions options, HttpClient http) : IHostedPaymentPages
{
    private readonly Lazy<Stripe.StripeClient> client = new(() => StripePaymentGateway.ClientFor(options, http));

    public string Gateway => PaymentGatewayNames.Stripe;

    public async Task<HostedPaymentPage> StartSetupAsync(HostedSetupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = await new SessionService(client.Value).CreateAsync(new SessionCreateOptions
        {
            Mode = "setup",
            Customer = request.CustomerId,
            Currency = request.Currency.ToLowerInvariant(),
            SuccessUrl = request.Return.Completed.ToString(),
            CancelUrl = request.Return.Cancelled.ToString(),
            ClientReferenceId = request.AccountId,
            Metadata = new() { [StripeMetadata.AccountId] = request.AccountId },
            SetupIntentData = new SessionSetupIntentDataOptions { Metadata = new() { [StripeMetadata.AccountId] = request.AccountId } },
        }, cancellationToken: cancellationToken);
        return HostedPaymentPage.At(new Uri(session.Url));
    }

    public async Task<HostedPaymentPage> StartPaymentAsync(HostedPaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var metadata = new Dictionary<string, string> { [StripeMetadata.InvoiceId] = request.InvoiceId, [StripeMetadata.AccountId] = request.AccountId };
        var session = await new SessionService(client.Value).CreateAsync(new SessionCreateOptions
        {
            Mode = "payment",
            Customer = request.CustomerId,
            SuccessUrl = request.Return.Completed.ToString(),
            CancelUrl = request.Return.Cancelled.ToString(),
            ClientReferenceId = request.AccountId,
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata, Description = $"Invoice {request.InvoiceNumber}" },
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = request.Amount.Currency.ToLowerInvariant(),
                        UnitAmount = request.Amount.ToMinorUnits(),
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = $"Invoice {request.InvoiceNumber}" },
                    },
                },
            ],
        }, cancellationToken: cancellationToken);
        return HostedPaymentPage.At(new Uri(session.Url));
    }
}
