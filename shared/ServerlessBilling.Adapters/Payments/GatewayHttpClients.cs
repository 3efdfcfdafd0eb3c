using Microsoft.Extensions.DependencyInjection;

namespace ServerlessBilling.Payments;

/// <summary>The one way both hosts build a payment gateway's <see cref="HttpClient"/>: a named client of
/// <see cref="IHttpClientFactory"/>, named after the gateway (<see cref="PaymentGatewayNames"/>).</summary>
/// <remarks>
/// A gateway client lives as long as the app (it sits in a singleton), so the factory's handler rotation would never
/// reach it; the pooled connections are recycled instead (<see cref="SocketsHttpHandler.PooledConnectionLifetime"/>),
/// which keeps DNS changes on the gateway's side visible. Tests and hosts add handlers to the same name.
/// </remarks>
public static class GatewayHttpClients
{
    /// <summary>How long a pooled connection to a gateway is reused before a new one (and a fresh DNS answer) is taken.</summary>
    public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Registers the named client <paramref name="gateway"/> with the given per-request <paramref name="timeout"/>.</summary>
    public static IHttpClientBuilder AddGatewayHttpClient(this IServiceCollection services, string gateway, TimeSpan timeout) =>
        services.AddHttpClient(gateway, http => http.Timeout = timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = ConnectionLifetime })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

    /// <summary>The client registered for <paramref name="gateway"/>.</summary>
    public static HttpClient GatewayHttpClient(this IServiceProvider provider, string gateway) =>
        provider.GetRequiredService<IHttpClientFactory>().CreateClient(gateway);
}
