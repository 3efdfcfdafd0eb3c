using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Cycles;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.LocalHost;

/// <summary>The local host's verbs: <c>serve</c> runs until stopped, <c>demo</c> runs the whole flow once and prints what happened, the rest are offline tools or operations on a running host.</summary>
public static class LocalHostCommand
{
    /// <summary>Runs the verb <paramref name="args"/> name until it ends or Ctrl+C / SIGTERM stops it.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        return await Cli.LocalHostApp.Create(Console.Out, Console.Error).RunAsync(args, stop.Token);
    }

    /// <param name="inMemory">Azurite keeps nothing: no data folder to save to, so no save pauses it (an Azurite already listening there is
    /// used as it is).</param>
    public static Task<int> ServeAsync(int port, int azuritePort, CancellationToken cancellationToken, bool inMemory = false) =>
        WithHostAsync(port, TimeSpan.FromHours(1), cancellationToken, statusEvery: TimeSpan.FromMinutes(1),
            azurite: inMemory ? AzuriteOptions.OnPorts(azuritePort) with { DataFolder = null } : AzuriteOptions.OnPorts(azuritePort), run: async (host, apiKey) =>
        {
            Console.WriteLine($"Serving {host.BaseAddress}api/ (management API key: x-functions-key: {apiKey}). Ctrl+C stops.");
            await host.WaitForShutdownAsync(cancellationToken);
            return 0;
        });

    /// <summary>Writes the OpenAPI document to <paramref name="path"/>, or to <paramref name="output"/> for <c>-</c>.</summary>
    public static async Task<int> WriteOpenApiAsync(string path, TextWriter output, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            await output.WriteLineAsync(Functions.Http.OpenApi.ApiDocument.Current);
        }
        else
        {
            await File.WriteAllTextAsync(path, Functions.Http.OpenApi.ApiDocument.Current, cancellationToken);
        }

        return 0;
    }

    /// <summary><c>close-due [--json]</c>: starts the due closes on a host of its own, waits for each to end or be held for tax data, and
    /// prints what became of them (<see cref="CloseDueReport"/>); Azurite's start and the host's log lines go to <paramref name="errors"/>.</summary>
    public static Task<int> CloseDueAsync(bool json, TextWriter output, TextWriter errors, CancellationToken cancellationToken) =>
        WithHostAsync(0, null, cancellationToken, async (host, _) =>
        {
            var summary = await CloseDueCheck.RunOnceAsync(host.Services, cancellationToken);
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            var closes = new List<CloseDueReport.Close>();
            foreach (var request in summary.Started)
            {
                var instance = await WaitForEndOrHoldAsync(client, request.InstanceId, cancellationToken);
                var invoice = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<InvoiceSummary>() : null;
                closes.Add(new CloseDueReport.Close(request.AccountId, request.PeriodStart, instance.RuntimeStatus.ToString(), invoice,
                    CloseProgress.Of(instance)?.AwaitingTaxData, invoice is null ? instance.FailureDetails?.ErrorMessage : null));
            }

            var report = CloseDueReport.Of(summary, closes);
            if (json)
            {
                JsonOutput.Write(output, report);
            }
            else
            {
                report.Print(output);
            }

            return report.Failed == 0 ? 0 : 1;
        }, log: errors, logsToStandardError: true);

    /// <summary>Waits until the close has ended or is held for tax data (it resumes by itself once a covering table is stored).</summary>
    private static async Task<OrchestrationMetadata> WaitForEndOrHoldAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            if (instance is not null && (instance.IsCompleted || CloseProgress.Of(instance)?.AwaitingTaxData is not null))
            {
                return instance;
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    /// <summary>Azurite and the local host for the length of a verb.</summary>
    /// <param name="log">Where Azurite's start is told; default standard output.</param>
    /// <param name="logsToStandardError">Whether the host's log lines go to standard error (a verb whose standard output is its result).</param>
    private static async Task<int> WithHostAsync(
        int port, TimeSpan? closeDueEvery, CancellationToken cancellationToken, Func<BillingHost, string, Task<int>> run, TimeSpan? statusEvery = null,
        AzuriteOptions? azurite = null, TextWriter? log = null, bool logsToStandardError = false)
    {
        var root = RepositoryRoot.Find();
        azurite ??= new AzuriteOptions();
        using var azuriteProcess = await AzuriteLauncher.EnsureRunningAsync(azurite, root, log ?? Console.Out, cancellationToken);
        try
        {
            var settings = LocalSettings.Load(root, azurite, Environment.GetEnvironmentVariables());
            var apiKey = settings.GetValueOrDefault("Api:Key") ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var options = new LocalHostOptions(port, apiKey) { CloseDueEvery = closeDueEvery, SettlementCheckEvery = closeDueEvery, PublishEventsEvery = TimeSpan.FromSeconds(5), StatusEvery = statusEvery,
                LogsToStandardError = logsToStandardError };
            await using var host = await BillingHost.StartAsync(options, settings, cancellationToken);
            return await run(host, apiKey);
        }
        finally
        {
            AzuriteLauncher.Stop(azuriteProcess);
        }
    }
}
