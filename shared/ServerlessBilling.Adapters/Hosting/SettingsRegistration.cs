using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ServerlessBilling.Hosting;

/// <summary>Binds an <see cref="ISettingsSection"/> from configuration and checks it at start-up, so a bad value stops the host
/// with a message naming the setting instead of failing the first request that needs it.</summary>
public static class SettingsRegistration
{
    public static OptionsBuilder<TSettings> AddSettings<TSettings>(this IServiceCollection services, IConfiguration configuration)
        where TSettings : class, ISettingsSection
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TSettings>, SettingsValidation<TSettings>>());
        return services.AddOptions<TSettings>()
            .Bind(configuration.GetSection(TSettings.Section))
            .ValidateOnStart();
    }

    /// <summary>The bound, checked settings of a section.</summary>
    public static TSettings Settings<TSettings>(this IServiceProvider services)
        where TSettings : class, ISettingsSection =>
        services.GetRequiredService<IOptions<TSettings>>().Value;

    private sealed class SettingsValidation<TSettings> : IValidateOptions<TSettings>
        where TSettings : class, ISettingsSection
    {
        public ValidateOptionsResult Validate(string? name, TSettings options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
