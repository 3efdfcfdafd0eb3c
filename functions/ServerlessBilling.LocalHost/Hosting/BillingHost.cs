using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using ServerlessBilling.Access;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Console;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.Functions.Tax;
using ServerlessBilling.Hosting;
using ServerlessBilling.Storage;
using ServerlessBilling.Telemetry;
using ServerlessBilling.Usage;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>The local host: the Functions app's code on Kestrel, a blob watcher, a queue listener and the durable engine, against one storage account.</summary>
public sealed class BillingHost : IAsyncDisposable
{
    /// <summary>The product's own log lines; the frameworks' only when something is wrong. Settings may override.</summary>
    private static readonly Dictionary<string, string?> DefaultLogging = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:ServerlessBilling"] = "Information",
    };

    private const string LocalLedgerTablesSetting = "Storage:LedgerTables";

    private readonly WebApplication app;

    private BillingHost(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the routes are served, e.g. http://127.0.0.1:7071/ (routes are under /api).</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => app.Services;

    /// <param name="settings">App settings, named as in local.settings.json (<c>BillingStorage</c>, <c>Twilio:AuthToken</c>, ...).</param>
    public static async Task<BillingHost> StartAsync(LocalHostOptions options, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(DefaultLogging);
        builder.Configuration.AddInMemoryCollection(settings);
        // On Azurite an insert costs more the more rows its table holds, and a query tests every row of its table, so the claims and
        // usage rows are spread over 64 tables here
        // (StorageSettings.LedgerTables); the Functions app keeps one each unless told otherwise.
        if (string.IsNullOrWhiteSpace(builder.Configuration[LocalLedgerTablesSetting]))
        {
            builder.Configuration.AddInMemoryCollection([new(LocalLedgerTablesSetting, "64")]);
        }
        // A stop drains the durable engine before it stops the worker, so nothing in flight is cut off. Only when the drain runs out
        // of time are the worker's remaining gRPC calls cancelled, which the Durable Task SDK logs as errors (event 20): those are
        // expected then, and not written.
        if (options.LogsToStandardError)
        {
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        var workerStopping = new DurableWorkerStopping();
        builder.Logging.AddFilter("Microsoft.DurableTask", level =>
            level >= LogLevel.Warning && (level == LogLevel.Critical || !workerStopping.CutOff));

        var httpPort = options.HttpPort == 0 ? LoopbackPorts.Free() : options.HttpPort;
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, httpPort, o => o.Protocols = HttpProtocols.Http1));
        // This host serves the document routes itself, so events name them under its own address unless told another one.
        if (string.IsNullOrWhiteSpace(builder.Configuration["Documents:PublicBaseUrl"]))
        {
            builder.Configuration.AddInMemoryCollection([new("Documents:PublicBaseUrl", $"http://127.0.0.1:{httpPort}/")]);
        }

        builder.Services.AddSingleton(options);
        // The local host's key is the bootstrap admin key, as the function key is in Azure; registered first, so it is the one kept.
        builder.Services.AddSingleton(new BootstrapKey(options.ApiKey));
        builder.Services.AddServerlessBilling(builder.Configuration);
        builder.Services.AddTelemetry(builder.Configuration);
        // The host's own bound on a stop (Ctrl+C, SIGTERM) must leave the engine's drain its whole time.
        builder.Services.AddSettings<LocalHostSettings>(builder.Configuration);
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<LocalHostSettings>>((host, local) => host.ShutdownTimeout = local.Value.StopLimit);
        // The listeners back off while their queues stay empty, as the Functions host's do; what this process puts there wakes them.
        builder.Services.AddSingleton(provider => new IdlePollers(options, provider.Settings<LocalHostSettings>()));
        builder.Services.Decorate<IRatingQueue>((provider, queue) => new WakingRatingQueue(queue, provider.GetRequiredService<IdlePollers>()));
        builder.Services.Decorate<IWebhookQueue>((provider, queue) => new WakingWebhookQueue(queue, provider.GetRequiredService<IdlePollers>()));
        builder.Services.AddFunctionClasses();
        builder.Services.AddHostedService<RatingQueueListener>();
        builder.Services.AddHostedService<WebhookDeliveryListener>();
        builder.Services.AddHostedService<CdrDropWatcher>();
        builder.Services.AddHostedService<CloseDueCheck>();
        builder.Services.AddHostedService<SettlementCheck>();
        builder.Services.AddHostedService<OutboxPublisher>();
        builder.Services.AddSingleton<StatusLine>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<StatusLine>());
        builder.Services.AddBillingHttpJson();
        builder.Services.AddSingleton<ApiKeyGate>();
        builder.Services.AddTaxFreshnessLog();
        builder.Services.AddPortalPages();
        builder.Services.AddConsolePages();
        options.ConfigureServices?.Invoke(builder.Services);

        var durableConnection = builder.Configuration["AzureWebJobsStorage"] ?? builder.Configuration[StorageNames.Connection]!;
        // The engine is built before the container, so its settings are bound here; they are checked again at start-up with the rest.
        var taskHub = builder.Configuration.GetSection(TaskHubSettings.Section).Get<TaskHubSettings>() ?? new TaskHubSettings();
        if (taskHub.Problems().FirstOrDefault() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var partitions = await TaskHubPartitions.ChooseAsync(durableConnection, options.TaskHubName, taskHub.PartitionCount, cancellationToken);
        var orchestration = builder.AddDurableEngine(durableConnection, options.TaskHubName, partitions.Partitions, workerStopping, options.EngineMessageVisibility, options.EngineStorageObserver);
        builder.Services.AddSingleton(partitions);

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (ApiVersions.Negotiate(context) is { } refused)
            {
                await refused.ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        app.MapFunctionRoutes();
        app.MapDurableEngine();

        await app.Services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(cancellationToken);
        if (partitions.ConfiguredIgnored)
        {
            app.Logger.LogWarning(
                "The task hub {TaskHub} has {Partitions} partitions; the {Configured} configured apply to a new hub only (a new DurableTaskHubName), so {Partitions} are kept.",
                options.TaskHubName, partitions.Partitions, partitions.Configured, partitions.Partitions);
        }

        await orchestration.CreateIfNotExistsAsync();
        await app.StartAsync(cancellationToken);
        return new BillingHost(app, new Uri($"http://127.0.0.1:{httpPort}/"));
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => app.WaitForShutdownAsync(cancellationToken);

    /// <remarks>The stop is bounded (<see cref="LocalHostSettings.StopLimit"/>) and a slow one is not an error: what was in flight is
    /// left to the engine's queues (a message not completed reappears for the next start), so the verb still ends with its own exit code.</remarks>
    public async ValueTask DisposeAsync()
    {
        var limit = app.Services.Settings<LocalHostSettings>().StopLimit;
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await app.StopAsync(timeout.Token);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException && timeout.IsCancellationRequested)
        {
            app.Logger.LogDebug("The host did not stop within {Limit}; stopping anyway ({Reason}).", limit, e.Message);
        }

        await app.DisposeAsync();
    }
}
