using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessBilling.Hosting;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Usage;

/// <summary>The vendor webhooks on the shared intake, found rather than listed: every <see cref="IWebhookSource"/> and every
/// <see cref="WebhookSettingsAttribute"/> options record in the domain and adapters. A new vendor's folder is its wiring.</summary>
public static partial class WebhookRegistration
{
    /// <summary>The assemblies searched for webhook sources and their options.</summary>
    public static IReadOnlyList<Assembly> Assemblies { get; } = [typeof(IWebhookSource).Assembly, typeof(WebhookRegistration).Assembly];

    /// <summary>Every concrete webhook source.</summary>
    public static IEnumerable<Type> Sources => Assemblies.SelectMany(a => a.GetExportedTypes())
        .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IWebhookSource).IsAssignableFrom(type));

    /// <summary>Every vendor options record, each read from its own section.</summary>
    public static IEnumerable<Type> OptionsTypes => Assemblies.SelectMany(a => a.GetExportedTypes())
        .Where(type => type.GetCustomAttribute<WebhookSettingsAttribute>() is not null);

    /// <remarks>Settings: <see cref="WebhooksSettings"/>, and each vendor's section. A bad value stops the host at start-up, naming
    /// the setting; a setting read under its former name is logged as a warning then.</remarks>
    public static IServiceCollection AddUsageWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<WebhooksSettings>(configuration);
        services.AddSingleton(provider => provider.Settings<WebhooksSettings>().ToTolerance());
        services.AddSingleton(provider => new WebhookHandoff(
            provider.GetRequiredService<IRatingQueue>(), provider.GetRequiredService<IIngestCounters>(), provider.Settings<WebhooksSettings>().ToGrouping()));
        services.AddSingleton(typeof(WebhookIntake<>));

        var bindings = OptionsTypes.Select(type => WebhookSettingsBinding.Bind(type, configuration)).ToList();
        foreach (var binding in bindings)
        {
            services.AddSingleton(binding.OptionsType, _ => binding.Options
                ?? throw new InvalidOperationException(string.Join(" ", binding.Problems)));
        }

        foreach (var source in Sources)
        {
            services.AddSingleton(source);
        }

        services.AddOptions<VendorWebhookSettings>()
            .Validate<IServiceProvider>(
                (_, provider) => Check(bindings, provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance),
                string.Join(" ", bindings.SelectMany(binding => binding.Problems)))
            .ValidateOnStart();
        return services;
    }

    private static bool Check(IReadOnlyList<WebhookSettingsBinding> bindings, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(WebhookRegistration));
        foreach (var (formerKey, key) in bindings.SelectMany(binding => binding.FormerKeysRead))
        {
            FormerSettingRead(logger, formerKey, key);
        }

        return bindings.All(binding => binding.Problems.Count == 0);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Setting {FormerKey} is read as {Key}: rename it, the former name is read for one release only.")]
    private static partial void FormerSettingRead(ILogger logger, string formerKey, string key);

    /// <summary>The start-up check of every vendor's settings; it holds nothing.</summary>
    private sealed class VendorWebhookSettings;
}
