using Microsoft.Extensions.DependencyInjection;

namespace ServerlessBilling.Telemetry;

/// <summary>Wraps the registered implementation of a port in a decorator that observes it, keeping the registration's lifetime.</summary>
public static class ServiceDecoration
{
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<IServiceProvider, TService, TService> decorate)
        where TService : class
    {
        var index = services.Count - 1;
        while (index >= 0 && services[index].ServiceType != typeof(TService))
        {
            index--;
        }

        if (index < 0)
        {
            throw new InvalidOperationException($"{typeof(TService).Name} must be registered before it is decorated.");
        }

        var inner = services[index];
        services[index] = ServiceDescriptor.Describe(typeof(TService), provider => decorate(provider, (TService)Create(provider, inner)), inner.Lifetime);
        return services;
    }

    private static object Create(IServiceProvider provider, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);
}
