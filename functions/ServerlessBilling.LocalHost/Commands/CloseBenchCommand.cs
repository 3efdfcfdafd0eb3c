using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.DurableTask.Client;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.LocalHost.Bench;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Demo;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;
using Spectre.Console;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>
/// <c>close-bench [--accounts 1000] [--calls 20] [--azurite-port 10450]</c>: closes a period for many accounts through the due-period check and the
/// durable orchestration on a fresh in-memory Azurite, and prints the wall time, orchestrations per second and storage
/// operations per invoice (counted from Azurite's request log).
/// </summary>
public static class CloseBenchCommand
{
    /// <param name="progress">Where the phases are shown while they run (a terminal's status line), apart from the results.</param>
    /// <param name="azuritePort">The first of the three ports of the benchmark's own in-memory Azurite (blob, queue, table).</param>
    public static async Task<int> RunAsync(int accounts, int calls, int azuritePort, TextWriter output, TextWriter progress, CancellationToken cancellationToken) =>
        await Terminal.Over(progress).Status().StartAsync("Starting Azurite", status => RunAsync(accounts, calls, azuritePort, output, status, cancellationToken));

    private static async Task<int> RunAsync(int accounts, int calls, int azuritePort, TextWriter output, StatusContext status, CancellationToken cancellationToken)
    {
        var bench = new AzuriteOptions(azuritePort, azuritePort + 1, azuritePort + 2, DataFolder: null,
            RequestLog: Path.Combine(Path.GetTempPath(), $"azurite-close-bench-{Environment.ProcessId}.log"));
        using var azurite = await AzuriteLauncher.EnsureRunningAsync(bench, RepositoryRoot.Find(), TextWriter.Null, cancellationToken)
            ?? throw new ArgumentException($"--azurite-port: stop the Azurite on ports {azuritePort}-{azuritePort + 2} first, or choose others: the benchmark needs a fresh one whose request log it reads.");
        try
        {
            var settings = new Dictionary<string, string?>
            {
                [StorageNames.Connection] = bench.ConnectionString,
                ["AzureWebJobsStorage"] = bench.ConnectionString,
                ["Cycles:MaxConcurrentStarts"] = "16",
                ["Logging:LogLevel:ServerlessBilling"] = "Warning",
            };
            var apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            await using var host = await BillingHost.StartAsync(new LocalHostOptions(0, apiKey, "CloseBench"), settings, cancellationToken);
            status.Status($"Seeding {accounts:N0} accounts with {calls} calls each");
            var seeding = Stopwatch.StartNew();
            var total = (long)accounts * calls;
            await SeedAsync(host.Services, accounts, calls, seeded =>
            {
                if (seeded % 10_000 < SeedBatch)
                {
                    status.Status($"Seeding {accounts:N0} accounts: {seeded:N0} of {total:N0} calls");
                }
            }, cancellationToken);
            output.WriteLine($"Seeded {accounts:N0} accounts with {calls} rated calls each in {seeding.Elapsed.TotalSeconds:N1} s.");

            status.Status($"Closing {accounts:N0} periods");
            // What seeding left behind is not the close's: collected and given back before the close is measured.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var before = AzuriteRequestLog.Count(bench.RequestLog!);
            using var memory = CloseMemory.Sample();
            var clock = Stopwatch.StartNew();
            var summary = await CloseDueCheck.RunOnceAsync(host.Services, cancellationToken);
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            var completed = 0;
            await Parallel.ForEachAsync(summary.Started, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (request, ct) =>
            {
                var instance = await client.WaitForInstanceCompletionAsync(request.InstanceId, ct);
                if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
                {
                    status.Status($"Closing {accounts:N0} periods: {Interlocked.Increment(ref completed):N0} invoices");
                }
            });
            var elapsed = clock.Elapsed;
            var (peakWorkingSet, peakHeap) = await memory.StopAsync();
            status.Status("Stopping the host");
            var during = AzuriteRequestLog.Count(bench.RequestLog!) - before;

            output.WriteLine();
            output.WriteLine("| Accounts | Invoices | Wall time | Orchestrations/s | Storage operations per invoice (tables / queues / blobs) |");
            output.WriteLine("|---:|---:|---:|---:|---|");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {accounts:N0} | {completed:N0} | {elapsed.TotalSeconds:N1} s | {completed / elapsed.TotalSeconds:N1} | {during.Total / (double)completed:N0} ({during.Tables / (double)completed:N0} / {during.Queues / (double)completed:N0} / {during.Blobs / (double)completed:N0}) |"));
            output.WriteLine("Storage operations include the durable engine's own (history, queues, leases) and its polling while the closes ran.");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Calls per account {calls:N0}: peak working set {peakWorkingSet / (1024 * 1024):N0} MiB, peak GC heap {peakHeap / (1024 * 1024):N0} MiB during the close; load average {LoadAverage.Read():0.00} on {Environment.ProcessorCount} cores."));
            return completed == accounts ? 0 : 1;
        }
        finally
        {
            AzuriteLauncher.Stop(azurite);
        }
    }

    private const int SeedBatch = 100;

    private const int SeedWritesInFlight = 8;

    /// <summary>Accounts on the demo plan in five time zones, two numbers each, and rated calls in their last ended period, written
    /// through the ledger port a hundred rows at a time (rated in memory, not through the rating queue).</summary>
    private static async Task SeedAsync(IServiceProvider services, int accounts, int calls, Action<long> progress, CancellationToken cancellationToken)
    {
        var plans = services.GetRequiredService<IPlanCatalog>();
        var directory = services.GetRequiredService<IAccountDirectory>();
        var ledger = services.GetRequiredService<IUsageLedger>();
        await plans.SetAsync(DemoData.Plan, cancellationToken);
        string[] zones = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "UTC"];
        long seeded = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, accounts), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var account = new Account($"bench-{i:D5}", $"Bench Customer {i}", DemoData.Plan.Id, new BillingProfile(zones[i % zones.Length], 1, "USD"));
            await directory.SetAsync(account, ct);
            var number = $"+1555{i:D7}";
            await directory.AssignNumberAsync(new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2020, 1, 1)), ct);
            await directory.AssignNumberAsync(new NumberAssignment($"+1556{i:D7}", account.Id, NumberType.TollFree, new LocalDate(2020, 1, 1)), ct);
            var today = SystemClock.Instance.GetCurrentInstant().InZone(account.Billing.Zone).Date;
            var period = BillingPeriod.Containing(BillingPeriod.Containing(today, 1).Start.PlusDays(-1), 1);
            var random = new Random(i);
            var writes = new List<Task>();
            var rows = new List<RatedUsage>(SeedBatch);
            for (var c = 0; c < calls; c++)
            {
                var start = period.Start.At(new LocalTime(8 + random.Next(10), random.Next(60))).PlusDays(random.Next(28)).InZoneLeniently(account.Billing.Zone).ToInstant();
                var inbound = random.Next(2) == 0;
                var call = new UsageEvent($"bench-{i}-{c}", "bench", $"{i}-{c}", start, random.Next(0, 900), inbound ? CallDirection.Inbound : CallDirection.Outbound,
                    inbound ? "+13125550000" : number, inbound ? number : "+13125550000", UsageComponent.Telephony, random.Next(10) > 0);
                rows.Add(new RatedUsage(call, account.Id, period.Key, Rater.Rate(call, DemoData.Plan, account.Billing.Zone).Value));
                if (rows.Count == SeedBatch || c == calls - 1)
                {
                    // One entity group transaction per hundred rows, a few in flight, so a million-call period seeds in minutes.
                    writes.Add(ledger.TryRecordAllAsync([.. rows], ct));
                    progress(Interlocked.Add(ref seeded, rows.Count));
                    rows.Clear();
                    if (writes.Count >= SeedWritesInFlight)
                    {
                        await Task.WhenAll(writes);
                        writes.Clear();
                    }
                }
            }

            await Task.WhenAll(writes);
        });
    }
}
