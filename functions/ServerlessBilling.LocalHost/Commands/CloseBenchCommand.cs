using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Cycles;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Bench;
using ServerlessBilling.LocalHost.Demo;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;
using Spectre.Console;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary>
/// <c>close-bench [--accounts 1000] [--calls 20] [--azurite-port 10450] [--set KEY=VALUE] [--baseline KEY=VALUE] [--task-hub-apart] [--packed]</c>: closes a period for many
/// accounts through the due-period check and the durable orchestration on a fresh in-memory Azurite, and prints the wall time, closes per
/// second and storage operations per invoice, counted on the billing data's clients and on the durable engine's, by table, queue or
/// container and kind.
/// </summary>
public static class CloseBenchCommand
{
    /// <param name="progress">Where the phases are shown while they run (a terminal's status line), apart from the results.</param>
    /// <remarks>With <see cref="CloseBenchOptions.Baseline"/> settings the same book closes twice, first on a host with those settings, then
    /// on one without, each on a fresh Azurite (the second on the three ports after the first's), and the report gives their ratio.</remarks>
    public static async Task<int> RunAsync(CloseBenchOptions options, TextWriter output, TextWriter progress, CancellationToken cancellationToken) =>
        await Terminal.Over(progress).Status().StartAsync("Starting Azurite", async status =>
        {
            var rows = new List<CloseBenchRow>();
            var runs = options.Baseline.Count == 0
                ? [("as configured", options.Settings)]
                : new[] { ("baseline", options.Settings.Concat(options.Baseline).ToList()), ("as configured", options.Settings) };
            foreach (var (index, (label, settings)) in runs.Index())
            {
                var row = await RunOnceAsync(options, options.AzuritePort + options.PortsPerRun * index, settings, output, status, cancellationToken);
                rows.Add(row with { Configuration = label });
                if (row.Invoices != options.Accounts)
                {
                    CloseBenchReport.Write(output, options, rows);
                    return 1;
                }
            }

            CloseBenchReport.Write(output, options, rows);
            return 0;
        });

    private static async Task<CloseBenchRow> RunOnceAsync(
        CloseBenchOptions options, int azuritePort, IReadOnlyList<KeyValuePair<string, string>> overrides, TextWriter output, StatusContext status,
        CancellationToken cancellationToken)
    {
        var accounts = options.Accounts;
        var bench = new AzuriteOptions(azuritePort, azuritePort + 1, azuritePort + 2, DataFolder: null);
        var hub = options.TaskHubApart ? new AzuriteOptions(azuritePort + 3, azuritePort + 4, azuritePort + 5, DataFolder: null) : bench;
        using var azurite = await StartFreshAsync(bench, cancellationToken);
        Process? hubAzurite = null;
        try
        {
            hubAzurite = options.TaskHubApart ? await StartFreshAsync(hub, cancellationToken) : null;
            var settings = new Dictionary<string, string?>
            {
                [StorageNames.Connection] = bench.ConnectionString,
                ["AzureWebJobsStorage"] = hub.ConnectionString,
                ["Cycles:MaxConcurrentStarts"] = "16",
                ["Logging:LogLevel:ServerlessBilling"] = "Warning",
            };
            foreach (var (key, value) in overrides)
            {
                settings[key] = value;
            }

            var billing = new StorageRequestCounter(bench);
            var engine = new StorageRequestCounter(hub);
            var counted = BillingStorageClients.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), billing);
            var hostOptions = new LocalHostOptions(0, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), "CloseBench")
            {
                ConfigureServices = services => services.AddSingleton(counted.Tables).AddSingleton(counted.Blobs).AddSingleton(counted.Queues),
                EngineStorageObserver = engine,
            };
            await using var host = await BillingHost.StartAsync(hostOptions, settings, cancellationToken);
            status.Status($"Seeding {accounts:N0} accounts with {options.Calls} calls each");
            var seeding = Stopwatch.StartNew();
            var total = (long)accounts * options.Calls;
            await SeedAsync(host.Services, accounts, options.Calls, options.Packed, seeded =>
            {
                if (seeded % 10_000 < SeedBatch)
                {
                    status.Status($"Seeding {accounts:N0} accounts: {seeded:N0} of {total:N0} calls, {seeded / seeding.Elapsed.TotalSeconds:N0} calls/s");
                }
            }, cancellationToken);
            output.WriteLine($"Seeded {accounts:N0} accounts with {options.Calls} rated calls each in {seeding.Elapsed.TotalSeconds:N1} s ({total / seeding.Elapsed.TotalSeconds:N0} calls/s).");

            status.Status($"Closing {accounts:N0} periods");
            // What seeding left behind is not the close's: collected and given back before the close is measured.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var (billingBefore, engineBefore) = (billing.Snapshot(), engine.Snapshot());
            var (billingKinds, engineKinds) = (billing.SnapshotByKind(), engine.SnapshotByKind());
            using var memory = CloseMemory.Sample();
            var clock = Stopwatch.StartNew();
            var summary = await CloseDueCheck.RunOnceAsync(host.Services, cancellationToken);
            var completed = await WaitForClosesAsync(hub, summary.Started.Count, status, clock, cancellationToken);
            var elapsed = clock.Elapsed;
            var (peakWorkingSet, peakHeap) = await memory.StopAsync();
            var byKind = StorageRequestTally.Between(billingKinds, billing.SnapshotByKind()).Select(t => ("billing", t))
                .Concat(StorageRequestTally.Between(engineKinds, engine.SnapshotByKind()).Select(t => ("engine", t)))
                .OrderByDescending(t => t.t.Requests).ToList();
            var row = new CloseBenchRow("", accounts, completed, elapsed, billing.Snapshot() - billingBefore, engine.Snapshot() - engineBefore, LoadAverage.Read(), byKind)
            {
                PeakWorkingSet = peakWorkingSet,
                PeakHeap = peakHeap,
            };
            status.Status("Stopping the host");
            return row;
        }
        finally
        {
            AzuriteLauncher.Stop(azurite);
            if (hubAzurite is not null)
            {
                AzuriteLauncher.Stop(hubAzurite);
                hubAzurite.Dispose();
            }
        }
    }

    private static async Task<Process> StartFreshAsync(AzuriteOptions azurite, CancellationToken cancellationToken) =>
        await AzuriteLauncher.EnsureRunningAsync(azurite, RepositoryRoot.Find(), TextWriter.Null, cancellationToken)
            ?? throw new ArgumentException(
                $"--azurite-port: stop the Azurite on ports {azurite.BlobPort}-{azurite.TablePort} first, or choose others: the benchmark needs a fresh one.");

    /// <summary>Waits until every started close has ended, reading the task hub's instances table with a client the bench does not count
    /// (waiting on each instance through the durable client would add the bench's own status queries to the engine's requests).</summary>
    /// <returns>The closes that completed; the others failed or were terminated.</returns>
    private static async Task<int> WaitForClosesAsync(AzuriteOptions azurite, int started, StatusContext status, Stopwatch clock, CancellationToken cancellationToken)
    {
        var instances = new TableClient(azurite.ConnectionString, "CloseBenchInstances");
        while (true)
        {
            int completed = 0, ended = 0;
            await foreach (var row in instances.QueryAsync<TableEntity>(
                $"Name eq '{CloseCycleOrchestration.Name}'", select: ["RuntimeStatus"], cancellationToken: cancellationToken))
            {
                var runtimeStatus = row.GetString("RuntimeStatus");
                completed += runtimeStatus == "Completed" ? 1 : 0;
                ended += runtimeStatus is "Completed" or "Failed" or "Terminated" ? 1 : 0;
            }

            status.Status($"Closing {started:N0} periods: {completed:N0} invoices, {clock.Elapsed.TotalSeconds:N0} s");
            if (ended >= started)
            {
                return completed;
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    private const int SeedBatch = 100;

    /// <summary>Calls of one account seeded by one worker: a long period is cut into slices seeded side by side.</summary>
    private const int SeedSlice = 10_000;

    /// <summary>Transactions one slice keeps in flight; Azurite answers one at a time, so a few queued keep it busy.</summary>
    private const int SeedWritesInFlight = 4;

    /// <summary>Accounts on the demo plan in five time zones, two numbers each, and rated calls in their last ended period, written
    /// through the ledger port a hundred at a time (rated in memory, not through the rating queue): each call a row, or with
    /// <paramref name="packed"/> each hundred as a CDR file's window delivers them, fifty to a row.</summary>
    /// <remarks>A period's calls are seeded in slices of <see cref="SeedSlice"/>, sixteen slices at once, each with its own
    /// generator (seeded by account and slice, so a run seeds the same calls) and a few transactions always in flight: a
    /// million-call period is not written by one loop waiting on each group of writes.</remarks>
    private static async Task SeedAsync(IServiceProvider services, int accounts, int calls, bool packed, Action<long> progress, CancellationToken cancellationToken)
    {
        var plans = services.GetRequiredService<IPlanCatalog>();
        var directory = services.GetRequiredService<IAccountDirectory>();
        var ledger = services.GetRequiredService<IUsageLedger>();
        await plans.SetAsync(DemoData.Plan, cancellationToken);
        string[] zones = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "UTC"];
        var seeded = new[] { 0L };
        var slices = (calls + SeedSlice - 1) / SeedSlice;
        var work = Enumerable.Range(0, accounts).SelectMany(i => Enumerable.Range(0, Math.Max(slices, 1)).Select(slice => (Account: i, Slice: slice)));
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            var i = item.Account;
            var account = new Account($"bench-{i:D5}", $"Bench Customer {i}", DemoData.Plan.Id, new BillingProfile(zones[i % zones.Length], 1, "USD"));
            var number = $"+1555{i:D7}";
            if (item.Slice == 0)
            {
                await directory.SetAsync(account, ct);
                await directory.AssignNumberAsync(new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2020, 1, 1)), ct);
                await directory.AssignNumberAsync(new NumberAssignment($"+1556{i:D7}", account.Id, NumberType.TollFree, new LocalDate(2020, 1, 1)), ct);
            }

            var today = SystemClock.Instance.GetCurrentInstant().InZone(account.Billing.Zone).Date;
            var period = BillingPeriod.Containing(BillingPeriod.Containing(today, 1).Start.PlusDays(-1), 1);
            var (first, end) = (item.Slice * SeedSlice, Math.Min(calls, (item.Slice + 1) * SeedSlice));
            await SeedSliceAsync(ledger, account, number, period, first, end, packed, new Random(i * 1_000_003 + item.Slice), seeded, progress, ct);
        });
    }

    private static async Task SeedSliceAsync(
        IUsageLedger ledger, Account account, string number, BillingPeriod period, int first, int end, bool packed, Random random, long[] seeded,
        Action<long> progress, CancellationToken cancellationToken)
    {
        var writes = new List<Task>();
        var rows = new List<RatedUsage>(SeedBatch);
        var id = account.Id;
        for (var c = first; c < end; c++)
        {
            var start = period.Start.At(new LocalTime(8 + random.Next(10), random.Next(60))).PlusDays(random.Next(28)).InZoneLeniently(account.Billing.Zone).ToInstant();
            var inbound = random.Next(2) == 0;
            var call = new UsageEvent($"{id}-{c}", "bench", $"{id}-{c}", start, random.Next(0, 900), inbound ? CallDirection.Inbound : CallDirection.Outbound,
                inbound ? "+13125550000" : number, inbound ? number : "+13125550000", UsageComponent.Telephony, random.Next(10) > 0);
            rows.Add(new RatedUsage(call, account.Id, period.Key, Rater.Rate(call, DemoData.Plan, account.Billing.Zone).Value));
            if (rows.Count == SeedBatch || c == end - 1)
            {
                writes.Add(packed
                    ? ledger.TryRecordAllAsync([.. rows], Deliveries(id, c + 1 - rows.Count, rows.Count), cancellationToken)
                    : ledger.TryRecordAllAsync([.. rows], cancellationToken));
                progress(Interlocked.Add(ref seeded[0], rows.Count));
                rows.Clear();
                if (writes.Count >= SeedWritesInFlight)
                {
                    // A sliding window: the next transaction is built as soon as any one in flight is answered.
                    var done = await Task.WhenAny(writes);
                    writes.Remove(done);
                    await done;
                }
            }
        }

        await Task.WhenAll(writes);
    }

    /// <summary>The claim deliveries of <paramref name="count"/> calls from line <paramref name="firstLine"/> of an account's CDR file:
    /// one batch, the calls at their positions in it (<c>{batch}|{source}#{position}</c>), so the ledger packs them.</summary>
    private static string[] Deliveries(string accountId, int firstLine, int count)
    {
        var batch = new CdrBatch($"asterisk/{accountId}.csv", "\"bench\"", firstLine, firstLine + count - 1, CdrBatch.WholeWindow).DeliveryName;
        return [.. Enumerable.Range(0, count).Select(k => string.Create(CultureInfo.InvariantCulture, $"{batch}|bench#{k}"))];
    }
}
