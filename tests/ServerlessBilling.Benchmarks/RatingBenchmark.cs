using System.Diagnostics;
using System.Text.Json;
using NodaTime;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Benchmarks;

/// <summary>
/// Rating throughput on one thread for a realistic plan (about 3,000 destination prefixes, three components, time bands,
/// a bundle), beside parsing the same events from JSON lines, with allocations per event.
/// </summary>
public static class RatingBenchmark
{
    public static void Run(int count)
    {
        var zone = DateTimeZoneProviders.Tzdb["America/Chicago"];
        var plan = RealisticPlan.Create();
        var events = RealisticPlan.Events(count, zone);
        var jsonLines = events.Select(e => JsonSerializer.SerializeToUtf8Bytes(e, BillingJson.Options)).ToArray();
        Console.WriteLine($"Rating: {count:N0} events, {plan.Versions[0].UsageRates.Count:N0} rate rows, {jsonLines.Sum(l => (long)l.Length) / 1_048_576.0:N0} MB as JSON lines");

        var parse = Measure(() => jsonLines.Count(line => JsonSerializer.Deserialize<UsageEvent>(line, BillingJson.Options) is not null));
        var rate = Measure(() => events.Count(e => Rater.Rate(e, plan, zone, NumberClassifier.Classify(e.To)).Succeeded));
        var rated = events.Select(e => new RatedUsage(e, "bench", "2026-11-01", Rater.Rate(e, plan, zone, NumberClassifier.Classify(e.To)).Value)).ToList();
        var drawdown = Measure(() => BundleDrawdown.Apply(rated, plan.Versions[0].Bundles).Count);

        Console.WriteLine();
        Console.WriteLine("| Pass (one thread) | Seconds | Events/s | Bytes allocated per event | Speed vs parsing the events |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Row("parse events from JSON lines", parse, parse.Elapsed);
        Row("rate (version, band, prefix lookup, price)", rate, parse.Elapsed);
        Row("bundle drawdown at close (sort + split)", drawdown, parse.Elapsed);
        Console.WriteLine($"Priced: {rate.Count:N0} of {count:N0}; {Environment.ProcessorCount} cores, load average counts against these figures.");

        void Row(string pass, (TimeSpan Elapsed, long Count, long Bytes) result, TimeSpan baseline) =>
            Console.WriteLine($"| {pass} | {result.Elapsed.TotalSeconds:N2} | {count / result.Elapsed.TotalSeconds:N0} | {result.Bytes / (double)count:N0} | {baseline.TotalSeconds / result.Elapsed.TotalSeconds:N1}x |");
    }

    /// <summary>One warm-up, then the best of three; allocations are those of the best pass, on this thread.</summary>
    private static (TimeSpan Elapsed, long Count, long Bytes) Measure(Func<long> pass)
    {
        pass();
        var best = (Elapsed: TimeSpan.MaxValue, Count: 0L, Bytes: 0L);
        for (var i = 0; i < 3; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var result = pass();
            var elapsed = clock.Elapsed;
            if (elapsed < best.Elapsed)
            {
                best = (elapsed, result, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        }

        return best;
    }
}
