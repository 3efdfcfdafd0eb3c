using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ServerlessBilling.Cycles;
using ServerlessBilling.Hosting;
using ServerlessBilling.Payments;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Telemetry;

/// <summary>Telemetry: the product's spans and metrics (<see cref="TelemetryNames"/>), HTTP calls to Storage, Stripe and Authorize.Net as
/// dependencies, the ports observed by decorators, the health probe and its sampler, and the exporters the settings ask for.</summary>
public static class TelemetryRegistration
{
    /// <summary>The platform's setting naming the Application Insights resource (set by the Bicep, read by the Functions host as well).</summary>
    public const string AzureMonitorConnection = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Registers telemetry after the capabilities (it decorates their ports); returns the builder so a host adds its own
    /// instrumentation (the Functions worker's, in Azure).</summary>
    /// <remarks>Settings: <see cref="TelemetrySettings"/>.</remarks>
    public static OpenTelemetryBuilder AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<TelemetrySettings>(configuration);
        var settings = configuration.GetSection(TelemetrySettings.Section).Get<TelemetrySettings>() ?? new TelemetrySettings();
        services.AddSingleton<BillingMetrics>();
        services.AddSingleton<HealthProbe>();
        services.AddSingleton<HealthSampler>();
        services.AddHostedService(provider => provider.GetRequiredService<HealthSampler>());
        services.AddLogRedaction(new PhoneNumberMask(settings.Masking));

        services.Decorate<IIngestCounters>((provider, inner) => new MeteredIngestCounters(inner, provider.GetRequiredService<BillingMetrics>()));
        services.Decorate<IRawArchive>((provider, inner) => new MeteredRawArchive(inner, provider.GetRequiredService<BillingMetrics>()));
        services.Decorate<IQuarantine>((provider, inner) => ActivatorUtilities.CreateInstance<MeteredQuarantine>(provider, inner));
        services.Decorate<IUsageLedger>((provider, inner) => ActivatorUtilities.CreateInstance<TracedUsageLedger>(provider, inner));
        services.Decorate<ICycleLedger>((provider, inner) => new MeteredCycleLedger(inner, provider.GetRequiredService<BillingMetrics>()));
        services.Decorate<IPaymentGateways>((provider, inner) => new MeteredPaymentGateways(inner, provider.GetRequiredService<BillingMetrics>()));
        services.Decorate<IWebhookSender>((provider, inner) => new MeteredWebhookSender(inner, provider.GetRequiredService<BillingMetrics>()));

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(TelemetryNames.Name))
            .WithTracing(tracing => tracing.AddSource(TelemetryNames.Name).AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(TelemetryNames.Name).AddHttpClientInstrumentation())
            .WithLogging();

        if (SettingText.IsSet(settings.OtlpEndpoint))
        {
            telemetry.UseOtlpExporter(OtlpExportProtocol.Grpc, new Uri(settings.OtlpEndpoint!));
        }

        if (settings.Console == true)
        {
            telemetry.WithTracing(tracing => tracing.AddConsoleExporter()).WithMetrics(metrics => metrics.AddConsoleExporter());
        }

        if (configuration[AzureMonitorConnection] is { Length: > 0 } connection)
        {
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connection;
                if (SettingText.IsSet(settings.AzureMonitorClientId))
                {
                    options.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(settings.AzureMonitorClientId!));
                }
            });
        }

        return telemetry;
    }

    /// <summary>Redacts classified <c>[LoggerMessage]</c> parameters (<see cref="BillingData"/>) in the logger factory, before any
    /// provider (console, OpenTelemetry, the Functions host) sees the record; a classification without its own redactor is erased.</summary>
    public static IServiceCollection AddLogRedaction(this IServiceCollection services, PhoneNumberMask mask)
    {
        services.AddSingleton(mask);
        services.AddRedaction(redaction => redaction
            .SetRedactor<PhoneNumberRedactor>(BillingData.PhoneNumber)
            .SetRedactor<EmailAddressRedactor>(BillingData.EmailAddress)
            .SetRedactor<ErasingRedactor>(BillingData.Secret)
            .SetFallbackRedactor<ErasingRedactor>());
        // No discriminator: it appends the field's name to the value before redaction, which suits hashing redactors, not masks.
        services.AddLogging(logging => logging.EnableRedaction(options => options.ApplyDiscriminator = false));
        return services;
    }
}
