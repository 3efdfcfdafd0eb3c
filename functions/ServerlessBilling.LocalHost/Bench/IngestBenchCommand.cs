using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using NodaTime;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.UsageEvents;
using Spectre.Console;

namespace ServerlessBilling.LocalHost.Bench;

/// <summary>
/// <c>ingest-bench cdr|webhooks [--count N]</c>: a fresh in-memory Azurite and local host, seeded accounts, then N CDR lines dropped as one
/// Asterisk file (and dropped again under another name, which must come out as duplicates) or N signed single-event webhook deliveries
/// posted over HTTP; it waits until every event is rated and prints wall time, events/s, billed storage requests per event by class
/// (counted on the billing storage clients), the peak working set and the cost per million events at list prices.
/// </summary>
public static class IngestBenchCommand
{
    /// <remarks>With <see cref="IngestBenchOptions.Baseline"/> settings the same workload runs twice, first on a host with those
    /// settings, then on one without, each on a fresh Azurite, and the report gives their ratio: both measured under the same load.</remarks>
    public static async Task<int> RunAsync(IngestBenchOptions options, TextWriter output, TextWriter progress, CancellationToken cancellationToken) =>
        await Terminal.Over(progress).Status().StartAsync("Starting Azurite", async status =>
        {
            var rows = new List<IngestBenchRow>();
            var runs = options.Baseline.Count == 0
                ? [("as configured", options.Settings)]
                : new[] { ("baseline", options.Settings.Concat(options.Baseline).ToList()), ("as configured", options.Settings) };
            foreach (var (index, (label, settings)) in runs.Index())
            {
                // Each run on its own ports: the previous Azurite may still hold its ports for a moment after it was stopped.
                var (exit, measured) = await RunOnceAsync(options with { AzuritePort = options.AzuritePort + 3 * index }, settings, output, status, cancellationToken);
                if (exit != 0)
                {
                    return exit;
                }

                rows.AddRange(measured.Select(r => r with { Configuration = label }));
            }

            IngestBenchReport.Write(output, options, rows);
            return 0;
        });

    private static async Task<(int Exit, List<IngestBenchRow> Rows)> RunOnceAsync(
        IngestBenchOptions options, IReadOnlyList<KeyValuePair<string, string>> overrides, TextWriter output, StatusContext status, CancellationToken cancellationToken)
    {
        var port = options.AzuritePort;
        var azuriteOptions = new AzuriteOptions(port, port + 1, port + 2, DataFolder: null);
        using var azurite = await AzuriteLauncher.EnsureRunningAsync(azuriteOptions, RepositoryRoot.Find(), TextWriter.Null, cancellationToken)
            ?? throw new ArgumentException($"--azurite-port: stop the Azurite on ports {port}-{port + 2} first, or choose others: the benchmark needs a fresh one.");
        try
        {
            var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var settings = new Dictionary<string, string?>
            {
                [StorageNames.Connection] = azuriteOptions.ConnectionString,
                ["AzureWebJobsStorage"] = azuriteOptions.ConnectionString,
                ["UsageEvents:SigningSecret"] = secret,
                ["Logging:LogLevel:ServerlessBilling"] = "Error",
            };
            foreach (var (key, value) in overrides)
            {
                settings[key] = value;
            }

            var counter = new StorageRequestCounter(azuriteOptions);
            using var steps = new StepTimings();
            var counted = BillingStorageClients.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), counter);
            var hostOptions = new LocalHostOptions(0, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), "IngestBench")
            {
                ConfigureServices = services => services.AddSingleton(counted.Tables).AddSingleton(counted.Blobs).AddSingleton(counted.Queues),
            };
            await using var host = await BillingHost.StartAsync(hostOptions, settings, cancellationToken);
            var workload = new IngestWorkload(options.Accounts, "b" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
            status.Status($"Seeding {options.Accounts:N0} accounts");
            await workload.SeedAsync(host.Services, cancellationToken);

            var uncounted = new TableIngestCounters(new Azure.Data.Tables.TableServiceClient(azuriteOptions.ConnectionString));
            var rows = new List<IngestBenchRow>();
            if (options.Mode == IngestBenchMode.Cdr)
            {
                var file = Path.Combine(Path.GetTempPath(), $"ingest-bench-{workload.Run}.csv");
                try
                {
                    status.Status($"Writing {options.Count:N0} CDR lines");
                    await workload.WriteCdrFileAsync(file, options.Count, SystemClock.Instance.GetCurrentInstant(), cancellationToken);
                    var container = host.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageNames.CdrDropsContainer);
                    foreach (var (phase, name) in new[] { ("CDR file", "first"), ("same file again", "again") })
                    {
                        var measured = await MeasureAsync(phase, options.Count, counter, steps, uncounted, "asterisk", status, async () =>
                        {
                            // The reseller's upload, in this process only because the bench is. A file over 256 MiB (a million lines)
                            // is staged in blocks: one at a time they are sent straight from the file, where parallel blocks would each be
                            // copied into a pooled 4 MiB array that the process keeps and the bench would count as the host's.
                            await using var content = File.OpenRead(file);
                            await container.GetBlobClient($"asterisk/{IngestWorkload.Zone}/{workload.Run}-{name}.csv").UploadAsync(
                                content, new BlobUploadOptions { TransferOptions = new StorageTransferOptions { MaximumConcurrency = 1 } }, cancellationToken);
                            host.Services.GetRequiredService<IdlePollers>().Wake(StorageNames.CdrDropsContainer);
                        }, cancellationToken);
                        rows.Add(measured with { Executions = 1 + measured.Operations.RatingMessages });
                    }
                }
                finally
                {
                    File.Delete(file);
                }
            }
            else
            {
                using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency }) { BaseAddress = host.BaseAddress };
                var now = SystemClock.Instance.GetCurrentInstant();
                var refused = 0;
                var measured = await MeasureAsync("webhook deliveries", options.Count, counter, steps, uncounted, UsageEventsWebhook.Source, status, async () =>
                {
                    await PostAllAsync(options, async (k, ct) =>
                    {
                        using var request = IngestWorkload.SignedDelivery(workload.EventBody(k, now), secret);
                        using var response = await http.SendAsync(request, ct);
                        if (!response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref refused);
                        }
                    }, cancellationToken);
                }, cancellationToken);
                rows.Add(measured with { Executions = options.Count + measured.Operations.RatingMessages });
                if (refused > 0)
                {
                    output.WriteLine($"{refused:N0} deliveries were refused.");
                    return (1, rows);
                }
            }

            return (0, rows);
        }
        finally
        {
            AzuriteLauncher.Stop(azurite);
        }
    }

    /// <summary>Runs <paramref name="post"/> for every delivery: at most <see cref="IngestBenchOptions.Concurrency"/> at once, each started
    /// on its schedule when the options give a rate.</summary>
    private static async Task PostAllAsync(IngestBenchOptions options, Func<int, CancellationToken, ValueTask> post, CancellationToken cancellationToken)
    {
        if (options.Rate is not { } rate)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Count), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken }, post);
            return;
        }

        using var slots = new SemaphoreSlim(options.Concurrency);
        var clock = Stopwatch.StartNew();
        var posts = new List<Task>(options.Count);
        for (var k = 0; k < options.Count; k++)
        {
            // Read the clock once: compared and subtracted apart, a tick between them made a negative delay.
            var wait = TimeSpan.FromSeconds(k / (double)rate) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            await slots.WaitAsync(cancellationToken);
            var index = k;
            posts.Add(Task.Run(async () =>
            {
                try
                {
                    await post(index, cancellationToken);
                }
                finally
                {
                    slots.Release();
                }
            }, cancellationToken));
        }

        await Task.WhenAll(posts);
    }

    /// <summary>Runs <paramref name="send"/>, then waits until the source's counters have an outcome for <paramref name="events"/> more
    /// events, sampling the working set meanwhile.</summary>
    private static async Task<IngestBenchRow> MeasureAsync(
        string phase, int events, StorageRequestCounter counter, StepTimings steps, IIngestCounters counters, string source, StatusContext status, Func<Task> send,
        CancellationToken cancellationToken)
    {
        var before = await OutcomesAsync(counters, source, cancellationToken);
        var storageBefore = counter.Snapshot();
        var kindsBefore = counter.SnapshotByKind();
        var stepsBefore = steps.Snapshot();
        var clock = Stopwatch.StartNew();
        var process = Process.GetCurrentProcess();
        long peak = 0, peakHeap = 0;
        var quarters = new PhaseQuarters(events);
        status.Status($"{phase}: sending");
        var sending = send();
        long done = 0;
        while (!sending.IsCompleted || done < events)
        {
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
            done = await OutcomesAsync(counters, source, cancellationToken) - before;
            quarters.Observe(done, clock.Elapsed);
            status.Status(string.Create(CultureInfo.InvariantCulture, $"{phase}: {done:N0} of {events:N0} rated, {clock.Elapsed.TotalSeconds:N0} s"));
            if (sending.IsFaulted)
            {
                await sending;
            }

            await Task.Delay(250, cancellationToken);
        }

        await sending;
        var elapsed = clock.Elapsed;
        return new IngestBenchRow(
            "", phase, events, elapsed, counter.Snapshot() - storageBefore, peak, LoadAverage.Read(), 0, StorageRequestTally.Between(kindsBefore, counter.SnapshotByKind()))
        {
            PeakHeap = peakHeap,
            Steps = StepTimings.Between(stepsBefore, steps.Snapshot()),
            QuarterRates = quarters.Rates(),
        };
    }

    /// <summary>Events of the source rating has an outcome for, today and yesterday (UTC), read with a client the bench does not count.</summary>
    private static async Task<long> OutcomesAsync(IIngestCounters counters, string source, CancellationToken cancellationToken)
    {
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var rows = await counters.ListAsync(source, today.PlusDays(-1), today, cancellationToken);
        return rows.Select(r => r.Counts).Sum(c => c.Rated + c.Duplicates + c.Conflicting + c.Held + c.Unattributed + c.Unpriced + c.NotCharged);
    }
}
