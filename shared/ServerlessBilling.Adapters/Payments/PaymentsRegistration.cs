using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Hosting;
using ServerlessBilling.Payments.AuthorizeNet;
using ServerlessBilling.Payments.Migrations;
using ServerlessBilling.Storage;

namespace ServerlessBilling.Payments;

/// <summary>Payments: the gateways (Stripe, Authorize.Net) and their webhooks, receivables, collection and dunning.</summary>
public static class PaymentsRegistration
{
    /// <summary>Stripe.net's own default for one request.</summary>
    private static readonly TimeSpan StripeTimeout = TimeSpan.FromSeconds(80);

    /// <summary>Authorize.Net answers within seconds; a minute leaves room for a slow sandbox.</summary>
    private static readonly TimeSpan AuthorizeNetTimeout = TimeSpan.FromSeconds(60);

    /// <remarks>Settings: <see cref="StripeSettings"/>, <see cref="AuthorizeNetSettings"/>, <see cref="PaymentsSettings"/>, <see cref="DunningSettings"/>.</remarks>
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<StripeSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<StripeSettings>().ToOptions());
        services.AddGatewayHttpClient(PaymentGatewayNames.Stripe, StripeTimeout);
        services.AddKeyedSingleton<IPaymentGateway>(PaymentGatewayNames.Stripe, (provider, _) => new StripePaymentGateway(
            provider.GetRequiredService<StripeOptions>(), provider.GatewayHttpClient(PaymentGatewayNames.Stripe)));
        services.AddSingleton<StripeWebhook>();
        services.AddSingleton<IHostedPaymentPages>(provider => new StripeCheckout(
            provider.GetRequiredService<StripeOptions>(), provider.GatewayHttpClient(PaymentGatewayNames.Stripe)));

        services.AddSettings<AuthorizeNetSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<AuthorizeNetSettings>().ToOptions());
        services.AddGatewayHttpClient(PaymentGatewayNames.AuthorizeNet, AuthorizeNetTimeout);
        services.AddSingleton(provider => new AuthorizeNetClient(
            provider.GetRequiredService<AuthorizeNetOptions>(), provider.GatewayHttpClient(PaymentGatewayNames.AuthorizeNet)));
        services.AddKeyedSingleton<IPaymentGateway>(PaymentGatewayNames.AuthorizeNet,
            (provider, _) => new AuthorizeNetPaymentGateway(provider.GetRequiredService<AuthorizeNetClient>()));
        services.AddSingleton<AuthorizeNetWebhook>();
        services.AddSingleton<IHostedPaymentPages>(provider => new AuthorizeNetAcceptHosted(provider.GetRequiredService<AuthorizeNetClient>()));
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
        services.AddSingleton<IPaymentMigrationLog, TablePaymentMigrationLog>();
        services.AddSingleton<PaymentMigrations>();
        return services;
    }
}
