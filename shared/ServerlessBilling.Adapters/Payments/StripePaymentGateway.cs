using System.Globalization;
using System.Net;
using Stripe;

namespace ServerlessBilling.Payments;

/// <summary>Stripe behind <see cref="IPaymentGateway"/>: a customer per account, its default method, off-session PaymentIntents.</summary>
/// <remarks>
/// Every write carries an idempotency key we derive (the account id, the invoice attempt), never Stripe.net's random
/// one, so a retried activity after a crash gets Stripe's stored answer instead of a second charge. Declines are
/// results; anything whose outcome is unknown (5xx, network, rate limit) throws for the caller to retry with the same key.
/// </remarks>
/// <param name="options">The keys and where the API is.</param>
/// <param name="http">The gateway's client from <see cref="IHttpClientFactory"/> (see <see cref="GatewayHttpClients"/>).</param>
public sealed class StripePaymentGateway(StripeOptions options, HttpClient http) : IPaymentGateway
{
    private readonly Lazy<StripeClient> client = new(() => ClientFor(options, http));

    /// <remarks>Stripe keeps an idempotency key for at least 24 hours: a repeat within that window returns the same customer;
    /// keep the id (the account's <see cref="PaymentProfile"/>) rather than calling again later.</remarks>
    public async Task<string> EnsureCustomerAsync(string accountId, string accountName, CancellationToken cancellationToken)
    {
        var customer = await new CustomerService(client.Value).CreateAsync(
            new CustomerCreateOptions { Name = accountName, Metadata = new() { ["account_id"] = accountId } },
            new RequestOptions { IdempotencyKey = $"customer-{accountId}" },
            cancellationToken);
        return customer.Id;
    }

    public Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, CancellationToken cancellationToken) =>
        SetDefaultAsync(customerId, paymentMethodId, $"{customerId}-{paymentMethodId}", cancellationToken);

    /// <remarks>Stripe stores a refusal (a 4xx) under its key too and answers it again for 24 hours, so a migration line Stripe refused
    /// could never be retried under keys of the two ids alone: the import id makes each import's request its own.</remarks>
    public Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, string attempt, CancellationToken cancellationToken) =>
        SetDefaultAsync(customerId, paymentMethodId, $"{attempt}-{customerId}-{paymentMethodId}", cancellationToken);

    private async Task<PaymentMethodOnFile> SetDefaultAsync(string customerId, string paymentMethodId, string key, CancellationToken cancellationToken)
    {
        var method = await new PaymentMethodService(client.Value).AttachAsync(
            paymentMethodId,
            new PaymentMethodAttachOptions { Customer = customerId },
            new RequestOptions { IdempotencyKey = $"attach-{key}" },
            cancellationToken);
        await new CustomerService(client.Value).UpdateAsync(
            customerId,
            new CustomerUpdateOptions { InvoiceSettings = new CustomerInvoiceSettingsOptions { DefaultPaymentMethod = paymentMethodId } },
            new RequestOptions { IdempotencyKey = $"default-{key}" },
            cancellationToken);
        return OnFile(method);
    }

    public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        var create = new PaymentIntentCreateOptions
        {
            Amount = request.Amount.ToMinorUnits(),
            Currency = request.Amount.Currency.ToLowerInvariant(),
            Customer = request.CustomerId,
            PaymentMethod = request.PaymentMethodId,
            OffSession = true,
            Confirm = true,

            // A server-side confirmation has nowhere to redirect to; such methods are not used off-session anyway.
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true, AllowRedirects = "never" },
            Metadata = new()
            {
                [StripeMetadata.InvoiceId] = request.InvoiceId,
                [StripeMetadata.AccountId] = request.AccountId,
                [StripeMetadata.CollectionId] = request.CollectionId,
                [StripeMetadata.Attempt] = request.Attempt.ToString(CultureInfo.InvariantCulture),
            },
        };
        try
        {
            var intent = await new PaymentIntentService(client.Value).CreateAsync(
                create, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellationToken);
            return ResultOf(intent, request.Amount);
        }
        catch (StripeException e) when (e.HttpStatusCode == HttpStatusCode.PaymentRequired && e.StripeError is { } error)
        {
            return DeclineOf(error, request.Amount);
        }
    }

    private static ChargeResult ResultOf(PaymentIntent intent, Money amount) => intent.Status switch
    {
        "succeeded" => new ChargeResult(ChargeStatus.Succeeded, intent.Id, amount),
        "processing" => new ChargeResult(ChargeStatus.Processing, intent.Id, amount),
        "requires_action" or "requires_confirmation" => new ChargeResult(
            ChargeStatus.RequiresAction, intent.Id, amount, ActionUrl: intent.NextAction?.RedirectToUrl?.Url),
        "requires_payment_method" => DeclineOf(intent.LastPaymentError, intent.Id, amount),
        var status => throw new InvalidOperationException($"PaymentIntent {intent.Id} came back in status '{status}', which an off-session confirmation does not produce."),
    };

    /// <summary>A 402: the card or bank said no, or (<c>authentication_required</c>) only the customer on-session can say yes.</summary>
    private static ChargeResult DeclineOf(StripeError error, Money amount)
    {
        var paymentId = error.PaymentIntent?.Id;
        return error.Code == "authentication_required" || error.DeclineCode == "authentication_required"
            ? new ChargeResult(ChargeStatus.RequiresAction, paymentId, amount, error.DeclineCode ?? error.Code, Message: error.Message,
                ActionUrl: error.PaymentIntent?.NextAction?.RedirectToUrl?.Url)
            : DeclineOf(error, paymentId, amount);
    }

    private static ChargeResult DeclineOf(StripeError? error, string? paymentId, Money amount)
    {
        var code = error?.DeclineCode ?? error?.Code;
        return new ChargeResult(
            ChargeStatus.Declined, paymentId, amount, code, DeclineCodes.Classify(code, error?.AdviceCode), error?.Message);
    }

    private static PaymentMethodOnFile OnFile(PaymentMethod method) => method.Type switch
    {
        "card" => new PaymentMethodOnFile(method.Id, PaymentMethodKind.Card, Label(method.Card?.DisplayBrand ?? method.Card?.Brand, method.Card?.Last4)),
        "us_bank_account" => new PaymentMethodOnFile(
            method.Id, PaymentMethodKind.UsBankAccount, Label(method.UsBankAccount?.BankName, method.UsBankAccount?.Last4)),
        _ => new PaymentMethodOnFile(method.Id, PaymentMethodKind.Other, null),
    };

    private static string? Label(string? name, string? last4) => last4 is null ? name : $"{name} ••••{last4}".TrimStart();

    internal static StripeClient ClientFor(StripeOptions options, HttpClient http)
    {
        if (string.IsNullOrWhiteSpace(options.SecretKey))
        {
            throw new InvalidOperationException("Setting 'Stripe:SecretKey' is required to take payments through Stripe.");
        }

        return new StripeClient(new StripeClientOptions
        {
            ApiKey = options.SecretKey,
            ApiBase = options.ApiBase.ToString().TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(http, maxNetworkRetries: options.MaxNetworkRetries),
        });
    }
}
