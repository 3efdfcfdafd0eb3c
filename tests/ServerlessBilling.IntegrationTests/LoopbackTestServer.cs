using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServerlessBilling.IntegrationTests;

/// <summary>
/// An in-process Kestrel on 127.0.0.1 for the test servers that play a vendor's API (the tax service, the payment gateways): plain
/// HTTP/1.1, no logging, and a port the operating system picks when Kestrel binds, so two servers never race for the same one.
/// </summary>
public sealed class LoopbackTestServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackTestServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the server listens, ending in <c>/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts a server answering the routes <paramref name="map"/> adds.</summary>
    public static async Task<LoopbackTestServer> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackTestServer(app, new Uri(bound.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
