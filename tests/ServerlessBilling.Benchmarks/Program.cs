using System.Diagnostics;
using System.Globalization;
using NodaTime;
using ServerlessBilling.Benchmarks;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

// Usage: dotnet run -c Release --project tests/ServerlessBilling.Benchmarks -- [cdr|rating] [lines or events, default 1000000]
var only = args.FirstOrDefault(a => a is "cdr" or "rating");
var lines = args.FirstOrDefault(a => a.All(char.IsAsciiDigit)) is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 1_000_000;
if (only != "cdr")
{
    RatingBenchmark.Run(lines);
    Console.WriteLine();
    if (only == "rating")
    {
        return;
    }
}

var file = Path.Combine(Path.GetTempPath(), $"cdr-bench-{lines}.csv");
if (!File.Exists(file))
{
    AsteriskFileGenerator.Write(file, lines);
}

var megabytes = new FileInfo(file).Length / 1_048_576.0;
Console.WriteLine($"Asterisk Master.csv: {lines:N0} lines, {megabytes:N1} MB ({file})");

// One warm-up pass each so the JIT and the zone data are loaded, then the best of three.
var raw = Best(() => RawRead(file));
var ingest = Best(() => Ingest(file));
var lineSplit = Best(() => CsvSplitBenchmark.LineSplitter(file));
var sepSplit = Best(() => CsvSplitBenchmark.Sep(file));
var gcHeapPeak = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes / 1_048_576.0;
var peakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0;

Console.WriteLine();
Console.WriteLine("| Pass | Seconds | MB/s | Lines or events/s | Ratio to raw read |");
Console.WriteLine("|---|---:|---:|---:|---:|");
Row("raw read (StreamReader.ReadLine)", raw.Elapsed, raw.Count, raw.Elapsed);
Row("CDR ingest (parse, batch, enqueue)", ingest.Elapsed, ingest.Count, raw.Elapsed);
Row("split only: line splitter (fields counted)", lineSplit.Elapsed, lineSplit.Count, raw.Elapsed);
Row("split only: Sep over the stream (fields counted)", sepSplit.Elapsed, sepSplit.Count, raw.Elapsed);
Console.WriteLine();
Console.WriteLine($"Sep splits {lineSplit.Elapsed / sepSplit.Elapsed:N2}x as fast as the line splitter ({sepSplit.Count:N0} vs {lineSplit.Count:N0} fields).");
Console.WriteLine($"Three lines, the first with a stray quote: Sep reads {CsvSplitBenchmark.SepRecordsOfStrayQuoteSample()} record(s), the line splitter 3.");
Console.WriteLine($"Peak working set {peakWorkingSet:N0} MB for a {megabytes:N0} MB file; GC heap after the last pass {gcHeapPeak:N0} MB.");

void Row(string pass, TimeSpan elapsed, long count, TimeSpan baseline) =>
    Console.WriteLine($"| {pass} | {elapsed.TotalSeconds:N2} | {megabytes / elapsed.TotalSeconds:N0} | {count / elapsed.TotalSeconds:N0} | {baseline.TotalSeconds / elapsed.TotalSeconds:P0} |");

static (TimeSpan Elapsed, long Count) Best(Func<long> pass)
{
    pass();
    var best = (Elapsed: TimeSpan.MaxValue, Count: 0L);
    for (var i = 0; i < 3; i++)
    {
        var clock = Stopwatch.StartNew();
        var count = pass();
        if (clock.Elapsed < best.Elapsed)
        {
            best = (clock.Elapsed, count);
        }
    }

    return best;
}

static long RawRead(string file)
{
    using var reader = new StreamReader(file);
    long count = 0;
    while (reader.ReadLine() is not null)
    {
        count++;
    }

    return count;
}

static long Ingest(string file)
{
    var ports = new FileCdrPorts(file);
    var intake = new CdrFileIntake(ports, ports, ports, ports, ports, SystemClock.Instance, PhoneRegion.Default);
    intake.IngestAsync("asterisk/America/Chicago/Master.csv", CancellationToken.None).GetAwaiter().GetResult();
    return ports.Events;
}
