using Microsoft.Extensions.DependencyInjection;

namespace ServerlessBilling.Functions.Portal;

/// <summary>What the portal's function classes share beyond the domain: the session check in front of every page and the friendly pages.</summary>
public static class PortalPagesRegistration
{
    public static IServiceCollection AddPortalPages(this IServiceCollection services) => services
        .AddSingleton<PortalMessages>()
        .AddSingleton<PortalGate>();
}
