using Microsoft.Extensions.DependencyInjection;

namespace ServerlessBilling.Functions.Console;

/// <summary>What the console's function classes share beyond the domain: the session check in front of every page and the pages
/// outside a session.</summary>
public static class ConsolePagesRegistration
{
    public static IServiceCollection AddConsolePages(this IServiceCollection services) => services
        .AddSingleton<ConsoleMessages>()
        .AddSingleton<ConsoleGate>();
}
