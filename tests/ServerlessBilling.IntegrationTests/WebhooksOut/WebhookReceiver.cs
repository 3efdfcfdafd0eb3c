using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.WebhooksOut;

/// <summary>A reseller's endpoint on loopback (Kestrel in the test process) that answers each request as scripted: accept,
/// fail, hang until the caller gives up, or redirect; every request it receives is kept.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Reply> script = new();
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private readonly WebApplication app;

    private WebhookReceiver(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
    }

    public enum Reply
    {
        Accept,
        Fail,
        Hang,
        Redirect,
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hook");

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = LoopbackPorts.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, port);
        app.MapPost("/hook", receiver.HandleAsync);
        app.MapPost("/elsewhere", (HttpContext context) => receiver.HandleAsync(context));
        await app.StartAsync();
        return receiver;
    }

    /// <summary>How the next requests are answered, in order; once the script is used up, every request is accepted.</summary>
    public void Script(params Reply[] replies)
    {
        foreach (var reply in replies)
        {
            script.Enqueue(reply);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        received.Enqueue(new ReceivedWebhook(
            context.Request.Path,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal),
            body));
        switch (script.TryDequeue(out var reply) ? reply : Reply.Accept)
        {
            case Reply.Fail:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                break;
            case Reply.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The sender gave up: the point of this reply.
                }

                break;
            case Reply.Redirect:
                context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                context.Response.Headers.Location = $"http://127.0.0.1:{Port}/elsewhere";
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
        }
    }
}

/// <summary>One request the receiver got: its path, headers (names in lower case) and body as sent.</summary>
public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, string Body);
