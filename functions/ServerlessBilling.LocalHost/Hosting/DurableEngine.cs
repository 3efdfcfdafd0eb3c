using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.Extensions.Options;

namespace ServerlessBilling.LocalHost.Hosting;

/// <summary>
/// The Durable Task engine as the Functions host runs it: the Azure Storage provider (on Azurite) served over gRPC
/// by <see cref="TaskHubGrpcServer"/> on a private HTTP/2 port, with a worker and a client connected to it.
/// The orchestrators and activities registered here are the Functions app's own methods, found by <see cref="FunctionCatalog"/>.
/// </summary>
public static class DurableEngine
{
    /// <param name="workerStopping">Raised as the worker is stopped, before its calls are cut off.</param>
    /// <param name="partitions">The task hub's partitions when this call creates it (<see cref="Cycles.TaskHubSettings"/>).</param>
    /// <param name="messageVisibility">How long a taken message stays hidden when this host stops before finishing it; null: the provider's default.</param>
    /// <param name="storageObserver">A policy every storage request of the engine passes through once per attempt (the benches count them); null: none.</param>
    public static AzureStorageOrchestrationService AddDurableEngine(
        this WebApplicationBuilder builder, string storageConnection, string taskHubName, int partitions, DurableWorkerStopping workerStopping,
        TimeSpan? messageVisibility = null, HttpPipelinePolicy? storageObserver = null)
    {
        var enginePort = LoopbackPorts.Free();
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = ClientProvider(storageConnection, storageObserver),
            TaskHubName = taskHubName,
            PartitionCount = partitions,
            ThrowExceptionOnInvalidDedupeStatus = true, // as the Functions host sets it
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
        };
        if (messageVisibility is { } visibility)
        {
            settings.ControlQueueVisibilityTimeout = visibility;
            settings.WorkItemQueueVisibilityTimeout = visibility;
        }

        var service = new AzureStorageOrchestrationService(settings);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(EngineLifecycle.Wrap(service, out var lifecycle));
        builder.Services.AddSingleton(lifecycle);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        builder.Services.AddSingleton(workerStopping);

        // The engine listens on its own loopback HTTP/2 port. Hosted services (the worker) start before Kestrel,
        // so connections wait for the host to report it is listening instead of failing and backing off.
        var listening = new EngineListening(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        builder.Services.AddSingleton(listening);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, enginePort, o => o.Protocols = HttpProtocols.Http2));
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{enginePort}", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                ConnectCallback = async (context, ct) =>
                {
                    await listening.Started.Task.WaitAsync(ct);
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(context.DnsEndPoint, ct);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            },
            DisposeHttpClient = true,
        });

        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(tasks => tasks.AddFunctionTasks());
            worker.UseGrpc(grpc =>
            {
                grpc.Channel = channel;
                grpc.ConfigureActivityNotification(phase => lifecycle.WorkerActivity(phase == ActivityNotificationPhase.Started));
            });
        });
        builder.Services.AddDurableTaskClient(client => client.UseGrpc(channel));
        builder.Services.AddHostedService<DurableWorkerShutdown>();
        return service;
    }

    private static StorageAccountClientProvider ClientProvider(string connection, HttpPipelinePolicy? observer)
    {
        if (observer is null)
        {
            return new StorageAccountClientProvider(connection);
        }

        var blobs = new BlobClientOptions();
        var queues = new QueueClientOptions();
        var tables = new TableClientOptions();
        blobs.AddPolicy(observer, HttpPipelinePosition.PerRetry);
        queues.AddPolicy(observer, HttpPipelinePosition.PerRetry);
        tables.AddPolicy(observer, HttpPipelinePosition.PerRetry);
        return new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(connection, blobs), StorageServiceClientProvider.ForQueue(connection, queues), StorageServiceClientProvider.ForTable(connection, tables));
    }

    /// <summary>Maps the engine's gRPC service and releases waiting connections once Kestrel listens.</summary>
    public static void MapDurableEngine(this WebApplication app)
    {
        app.MapGrpcService<TaskHubGrpcServer>();
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<EngineListening>().Started.TrySetResult());
    }

    private sealed record EngineListening(TaskCompletionSource Started);

    /// <summary>Drains the engine, then stops the worker before Kestrel drains, so its open work-item stream does not hold shutdown
    /// up, and waits for the engine to release its leases before the process goes on.</summary>
    /// <remarks>The worker stops its work-item stream and every running work item with one token: stopped with work in flight, it
    /// cuts off the work's completion calls. So the engine first stops handing out work and the worker finishes what it has
    /// (<see cref="EngineLifecycle.DrainAsync"/>); only work still running after <see cref="LocalHostSettings.StopDrainSeconds"/> is cut
    /// off, and left to the engine's queues for the next start. Each stage is a log line (<see cref="EngineDrainLog"/>).</remarks>
    private sealed class DurableWorkerShutdown(
        IServiceProvider services, EngineLifecycle engine, DurableWorkerStopping stopping, IOptions<LocalHostSettings> settings, ILoggerFactory loggers)
        : IHostedLifecycleService
    {
        private readonly ILogger logger = loggers.CreateLogger(typeof(EngineDrainLog).FullName!);

        public async Task StoppingAsync(CancellationToken cancellationToken)
        {
            var limit = settings.Value.StopDrain;
            var elapsed = Stopwatch.StartNew();
            var drain = await engine.DrainAsync(limit, inFlight => EngineDrainLog.Draining(logger, inFlight, (int)limit.TotalSeconds));
            if (drain.Drained)
            {
                EngineDrainLog.Drained(logger, drain.InFlight, elapsed.ElapsedMilliseconds);
            }
            else
            {
                EngineDrainLog.NotDrained(logger, (int)limit.TotalSeconds);
            }

            stopping.Signal(cutOff: !drain.Drained);
            foreach (var worker in services.GetServices<IHostedService>().OfType<DurableTaskWorker>())
            {
                await worker.StopAsync(cancellationToken);
            }
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <remarks>The wait is bounded and a slow stop is not an error: on a loaded machine the provider can take longer to
        /// release its leases, and leases a stopped process still holds expire by themselves.</remarks>
        public async Task StoppedAsync(CancellationToken cancellationToken)
        {
            try
            {
                await engine.Stopped.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                // Shutdown goes on; the next start of this task hub waits for the leases to expire.
            }
        }
    }
}
