using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using NodaTime;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.LocalHost.Commands;
using Spectre.Console;

namespace ServerlessBilling.LocalHost.Bench;

/// <summary>
/// <c>load --rate R --count N --seconds S</c>: posts signed single-event deliveries to a running host on this machine at a target rate
/// (each started on its schedule, at most <c>--concurrency</c> in flight), bounded in count and time, and prints the rate reached and
/// the acknowledgement latency percentiles.
/// </summary>
/// <remarks>Latency is measured from each delivery's scheduled start, so a host (or client) that falls behind shows it in the
/// percentiles instead of quietly sending less. With a <see cref="LoadSeed"/> the calls come from accounts it first puts through the
/// host's management API, so each event takes the path a reseller's traffic takes (looked up, rated, its usage row written); without
/// one they all come from one number, which is quarantined unless an account on the host holds it.</remarks>
public static class LoadCommand
{
    public static async Task<int> RunAsync(
        Uri url, string secret, int rate, int count, TimeSpan limit, int concurrency, LoadSeed? seed, string from, string? latencyLog, TextWriter output, TextWriter progress, CancellationToken cancellationToken) =>
        await Terminal.Over(progress).Status().StartAsync("Starting", async status =>
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
            var workload = new IngestWorkload(seed?.Accounts ?? 1, "load" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
            if (seed is not null)
            {
                status.Status(string.Create(CultureInfo.InvariantCulture, $"Putting the plan and {seed.Accounts:N0} accounts with their numbers"));
                await workload.SeedAsync(new BillingApiClient(http, seed.Key), cancellationToken);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"load: the demo plan and {seed.Accounts:N0} accounts (ingest-00000 on) hold {IngestWorkload.Number(0)} to {IngestWorkload.Number(seed.Accounts - 1)}; calls come from each in turn."));
            }

            var customer = seed is null ? from : null;
            var now = SystemClock.Instance.GetCurrentInstant();
            var latencies = new double[count];
            var lags = new double[count];
            int started = 0, failed = 0, sent = 0;
            var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
            using var gate = new SemaphoreSlim(concurrency);
            var clock = Stopwatch.StartNew();
            var startedAt = DateTimeOffset.UtcNow;
            var inFlight = new List<Task>();
            var loadAtStart = LoadAverage.Read();
            for (var k = 0; k < count && clock.Elapsed < limit; k++)
            {
                var due = TimeSpan.FromSeconds(k / (double)rate);
                // Read the clock once: compared and subtracted apart, a tick between them made a negative delay.
                if (due - clock.Elapsed is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                await gate.WaitAsync(cancellationToken);
                started++;
                var index = k;
                inFlight.Add(Task.Run(async () =>
                {
                    // The generator's own delay (its timer, the in-flight limit, the thread pool) before the request goes, apart from
                    // the host's answer: on a machine the host shares, a late send is part of the latency but not the host's doing.
                    lags[index] = (clock.Elapsed - due).TotalMilliseconds;
                    try
                    {
                        using var request = IngestWorkload.SignedDelivery(workload.EventBody(index, now, customer), secret);
                        using var response = await http.SendAsync(request, cancellationToken);
                        statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                        if (!response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref failed);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref failed);
                    }
                    finally
                    {
                        latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
                        Interlocked.Increment(ref sent);
                        gate.Release();
                    }
                }, cancellationToken));
                if (k % 100 == 0)
                {
                    status.Status(string.Create(CultureInfo.InvariantCulture, $"{sent:N0} of {count:N0} acknowledged, {sent / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0}/s, {failed:N0} failed"));
                }
            }

            await Task.WhenAll(inFlight);
            var elapsed = clock.Elapsed;
            if (latencyLog is not null)
            {
                await WriteLatencyLogAsync(latencyLog, startedAt, rate, lags[..started], latencies[..started], cancellationToken);
            }

            var measured = latencies[..started];
            Array.Sort(measured);
            var late = lags[..started];
            Array.Sort(late);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"load: {started:N0} deliveries (event ids {workload.Run}-0 on) at a target of {rate:N0}/s to {url}: {started / elapsed.TotalSeconds:N0}/s reached in {elapsed.TotalSeconds:N1} s, {failed:N0} not acknowledged (load average {loadAtStart:0.00} at the start, {LoadAverage.Read():0.00} at the end)."));
            output.WriteLine("| p50 | p90 | p99 | max | Sent late (p50, p99, max) | Responses |");
            output.WriteLine("|---:|---:|---:|---:|---|---|");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Percentile(measured, 0.50):N0} ms | {Percentile(measured, 0.90):N0} ms | {Percentile(measured, 0.99):N0} ms | {(measured.Length == 0 ? 0 : measured[^1]):N0} ms | {Percentile(late, 0.50):N0}, {Percentile(late, 0.99):N0}, {(late.Length == 0 ? 0 : late[^1]):N0} ms | {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value:N0}"))} |"));
            return failed == 0 ? 0 : 1;
        });

    /// <summary>One line a delivery, in the order scheduled: when it was due (Unix ms, wall clock), how late the generator sent it and
    /// when it was answered, both from that time; to line the slow ones up with another process's log (a GC trace, Azurite's).</summary>
    private static async Task WriteLatencyLogAsync(string path, DateTimeOffset startedAt, int rate, double[] lags, double[] latencies, CancellationToken cancellationToken)
    {
        await using var log = new StreamWriter(path);
        await log.WriteLineAsync("due_unix_ms,sent_late_ms,latency_ms");
        var origin = startedAt.ToUnixTimeMilliseconds();
        for (var k = 0; k < latencies.Length; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{origin + (k * 1000.0 / rate):F1},{lags[k]:F1},{latencies[k]:F1}"));
        }
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>What <c>load --accounts</c> puts on the host before it sends: <paramref name="Accounts"/> accounts on the demo plan, with the
/// management API <paramref name="Key"/>.</summary>
public sealed record LoadSeed(int Accounts, string Key);
