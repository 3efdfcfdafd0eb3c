using System.ComponentModel;
using ServerlessBilling.LocalHost.Bench;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ServerlessBilling.LocalHost.Cli;

/// <summary>The options of the verbs that measure throughput.</summary>
public static partial class VerbSettings
{
    public sealed class IngestBench : CommandSettings
    {
        [CommandArgument(0, "<MODE>")]
        [Description("cdr (one Asterisk file, then the same file again) or webhooks (signed single-event deliveries).")]
        public string Mode { get; set; } = "";

        [CommandOption("--count <N>")]
        [Description("CDR lines or webhook deliveries. Default: 10000.")]
        public int Count { get; set; } = 10_000;

        [CommandOption("--accounts <N>")]
        [Description("Accounts the calls are spread over, one number each. Default: 100.")]
        public int Accounts { get; set; } = 100;

        [CommandOption("--concurrency <N>")]
        [Description("Webhook deliveries in flight at once. Default: 8, or 256 with --rate.")]
        public int? Concurrency { get; set; }

        [CommandOption("--rate <N>")]
        [Description("Webhook deliveries started per second on a fixed schedule (at most --concurrency in flight), so the cost printed is the cost at that steady rate. Default: none, as fast as --concurrency allows.")]
        public int? Rate { get; set; }

        [CommandOption("--azurite-port <PORT>")]
        [Description("The first of three free ports for the benchmark's own in-memory Azurite. Default: 10460 (a run with --baseline also uses the three after them).")]
        public int AzuritePort { get; set; } = 10460;

        [CommandOption("--set <KEY=VALUE>")]
        [Description("An app setting for the bench's host, e.g. Rating:QueueBatchSize=32 (repeatable).")]
        public string[] Set { get; set; } = [];

        [CommandOption("--baseline <KEY=VALUE>")]
        [Description("Run first with this setting too, then without, and print the ratio (repeatable), e.g. Rating:AccountCacheSeconds=0.")]
        public string[] Baseline { get; set; } = [];

        public override ValidationResult Validate() =>
            Mode is not ("cdr" or "webhooks") ? ValidationResult.Error($"<MODE>: '{Mode}' is neither cdr nor webhooks.")
            : Count < 1 || Accounts < 1 || Concurrency < 1 || Rate < 1 ? ValidationResult.Error("--count, --accounts, --concurrency and --rate must be at least 1.")
            : Set.Concat(Baseline).FirstOrDefault(s => !s.Contains('=', StringComparison.Ordinal)) is { } bad ? ValidationResult.Error($"'{bad}' is not KEY=VALUE.")
            : ValidationResult.Success();

        public IngestBenchOptions ToOptions() => new(
            Mode == "cdr" ? IngestBenchMode.Cdr : IngestBenchMode.Webhooks, Count, Accounts, Concurrency ?? (Rate is null ? 8 : 256), AzuritePort, Pairs(Set), Pairs(Baseline)) { Rate = Rate };

        private static List<KeyValuePair<string, string>> Pairs(IEnumerable<string> settings) =>
            [.. settings.Select(s => s.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], p[1]))];
    }

    public sealed class Load : CommandSettings
    {
        [CommandOption("--url <URL>")]
        [Description("The running host, on this machine only. Default: http://127.0.0.1:7071/.")]
        public string Url { get; set; } = "http://127.0.0.1:7071/";

        [CommandOption("--secret <SECRET>")]
        [Description("The usage events signing secret the host has. Default: UsageEvents__SigningSecret from the environment.")]
        public string? Secret { get; set; }

        [CommandOption("--rate <PER_SECOND>")]
        [Description("Deliveries started per second. Default: 100.")]
        public int Rate { get; set; } = 100;

        [CommandOption("--count <N>")]
        [Description("Deliveries in all, at most 1,000,000. Default: 1000.")]
        public int Count { get; set; } = 1000;

        [CommandOption("--seconds <S>")]
        [Description("Stop starting deliveries after this long, at most 600. Default: 60.")]
        public int Seconds { get; set; } = 60;

        [CommandOption("--from <NUMBER>")]
        [Description("The customer number every call is from, when --accounts is not given: an account on the host must hold it, or each event is quarantined. Default: +15550000000.")]
        public string? From { get; set; }

        [CommandOption("--accounts <N>")]
        [Description("First put the demo plan and N accounts (ingest-00000...) holding one number each (+15550000000...) through the host's management API, then send calls from those numbers in turn, so every event is rated as a reseller's would be. At most 10,000.")]
        public int? Accounts { get; set; }

        [CommandOption("--key <KEY>")]
        [Description("With --accounts: the management API key serve printed. Default: Api__Key from the environment or local.settings.json.")]
        public string? Key { get; set; }

        [CommandOption("--concurrency <N>")]
        [Description("Deliveries in flight at most. Default: 64.")]
        public int Concurrency { get; set; } = 64;

        [CommandOption("--latency-log <FILE>")]
        [Description("Also write one CSV line a delivery (when it was due, in Unix ms; how late it was sent; when it was answered, both in ms from that time), to line the slow ones up with another process's log. Default: none.")]
        public string? LatencyLog { get; set; }

        public override ValidationResult Validate() =>
            !Uri.TryCreate(Url, UriKind.Absolute, out var url) || !url.IsLoopback ? ValidationResult.Error($"--url: '{Url}' is not a loopback URL; load is sent to this machine only.")
            : Rate is < 1 or > 100_000 ? ValidationResult.Error("--rate must be between 1 and 100,000.")
            : Count is < 1 or > 1_000_000 ? ValidationResult.Error("--count must be between 1 and 1,000,000.")
            : Seconds is < 1 or > 600 ? ValidationResult.Error("--seconds must be between 1 and 600.")
            : Concurrency is < 1 or > 1024 ? ValidationResult.Error("--concurrency must be between 1 and 1,024.")
            : Accounts is < 1 or > 10_000 ? ValidationResult.Error("--accounts must be between 1 and 10,000.")
            : Accounts is not null && From is not null ? ValidationResult.Error("--from and --accounts: give one; --accounts sends from the numbers it seeds.")
            : ValidationResult.Success();
    }
}
