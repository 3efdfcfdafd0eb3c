using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Hosting;
using ServerlessBilling.Payments.AuthorizeNet;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Payments;

/// <summary>Payments: the gateways (Stripe, Authorize.Net) and their webhooks, receivables, collection and dunning.</summary>
public static class PaymentsRegistration
{
    /// <remarks>Settings: <see cref="StripeSettings"/>, <see cref="AuthorizeNetSettings"/>, <see cref="PaymentsSettings"/>, <see cref="DunningSettings"/>.</remarks>
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<StripeSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<StripeSettings>().ToOptions());
        services.AddKeyedSingleton<IPaymentGateway, StripePaymentGateway>(PaymentGatewayNames.Stripe);
        services.AddSingleton<StripeWebhook>();

        services.AddSettings<AuthorizeNetSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<AuthorizeNetSettings>().ToOptions());
        services.AddSingleton(provider => new AuthorizeNetClient(provider.GetRequiredService<AuthorizeNetOptions>()));
        services.AddKeyedSingleton<IPaymentGateway>(PaymentGatewayNames.AuthorizeNet,
            (provider, _) => new AuthorizeNetPaymentGateway(provider.GetRequiredService<AuthorizeNetClient>()));
        services.AddSingleton<AuthorizeNetWebhook>();
        services.AddSingleton<AuthorizeNetSettlements>();
        services.AddSingleton(typeof(PaymentWebhookIntake<>));

        services.AddSettings<PaymentsSettings>(configuration);
        services.AddSingleton<IPaymentGateways>(provider => new PaymentGateways(
            new[] { PaymentGatewayNames.Stripe, PaymentGatewayNames.AuthorizeNet }
                .ToDictionary(gateway => gateway, gateway => provider.GetRequiredKeyedService<IPaymentGateway>(gateway)),
            provider.Settings<PaymentsSettings>().DefaultGateway));

        services.AddSettings<DunningSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<DunningSettings>().ToPolicy());
        services.AddSingleton<IReceivables, TableReceivables>();
        services.AddSingleton<InvoiceCollection>();
        services.AddSingleton<LateFeeInvoices>();
        services.AddSingleton<DunningSteps>();
        services.AddSingleton<PaymentRecording>();
        services.AddSingleton<IPaymentNotifications>(provider => provider.GetRequiredService<PaymentRecording>());
        services.AddSingleton<ReceivablesAging>();
        return services;
    }
}
