using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Telemetry;

namespace ServerlessBilling.IntegrationTests.Telemetry;

/// <summary>The task hub check through its probe: the host's durable client answers; a client whose engine does not listen makes
/// the report unhealthy instead of throwing.</summary>
public partial class TelemetryTests
{
    [Fact]
    public async Task TaskHubProbe_HostsDurableClient_Answers()
    {
        var probe = new DurableTaskHubProbe(host.Host.Services.GetRequiredService<DurableTaskClient>());

        (await probe.AnswersAsync(CancellationToken.None)).ShouldBeTrue();
    }

    [Fact]
    public async Task HealthCheck_TaskHubThatDoesNotAnswer_IsUnhealthy()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{LoopbackPorts.Free()}");
        await using var nowhere = new GrpcDurableTaskClient("nowhere", new GrpcDurableTaskClientOptions { Channel = channel }, NullLogger.Instance);

        var report = await host.Host.Services.GetRequiredService<HealthSampler>().CheckAsync(nowhere, CancellationToken.None);

        report.TaskHubReachable.ShouldBe(false);
        report.StorageReachable.ShouldBeTrue();
        report.Status.ShouldBe(HealthReport.Unhealthy);
    }
}
