using System.ComponentModel;
using System.Globalization;
using NodaTime.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ServerlessBilling.LocalHost.Cli;

/// <summary>The options and arguments of the verbs other than <c>rate</c> and <c>quote</c>: what <c>--help</c> lists and the parser
/// checks before a verb runs (an unknown option or a value of the wrong type is refused with exit code 2).</summary>
public static partial class VerbSettings
{
    public sealed class Serve : CommandSettings
    {
        [CommandOption("--port <PORT>")]
        [Description("The HTTP port of the Functions routes. Default: 7071.")]
        public int Port { get; set; } = 7071;

        [CommandOption("--azurite-port <PORT>")]
        [Description("The first of Azurite's three ports; one is started when nothing listens there, its data kept in .azurite "
            + "(in .azurite/PORT on other ports than the default). Default: 10000.")]
        public int AzuritePort { get; set; } = 10000;

        [CommandOption("--in-memory")]
        [Description("Start Azurite with nothing kept: no data folder, so no saves of its stores while it serves (what the benches run on).")]
        public bool InMemory { get; set; }
    }

    public sealed class Demo : CommandSettings
    {
        [CommandOption("--out <FOLDER>")]
        [Description("Where the invoice PDFs go. Default: out/demo.")]
        public string Out { get; set; } = Path.Combine("out", "demo");

        [CommandOption("--keep-serving")]
        [Description("After the summary, keep the host running for the printed portal link and console address until Ctrl+C.")]
        public bool KeepServing { get; set; }

        [CommandOption("--azurite-port <PORT>")]
        [Description("The first of three free ports for the demo's own in-memory Azurite. Default: 10400.")]
        public int AzuritePort { get; set; } = global::ServerlessBilling.LocalHost.Demo.DemoScenario.DefaultAzuritePort;
    }

    public sealed class OpenApi : CommandSettings
    {
        [CommandOption("--out <FILE>")]
        [Description("Where the document goes. Default: standard output.")]
        public string Out { get; set; } = "-";
    }

    public sealed class CloseBench : CommandSettings
    {
        [CommandOption("--accounts <N>")]
        [Description("Accounts to close. Default: 1000.")]
        public int Accounts { get; set; } = 1000;

        [CommandOption("--calls <N>")]
        [Description("Calls per account. Default: 20.")]
        public int Calls { get; set; } = 20;

        [CommandOption("--azurite-port <PORT>")]
        [Description("The first of three free ports for the benchmark's own in-memory Azurite. Default: 10450.")]
        public int AzuritePort { get; set; } = 10450;

        [CommandOption("--set <KEY=VALUE>")]
        [Description("An app setting for the bench's host, e.g. AzureFunctionsJobHost:extensions:durableTask:storageProvider:PartitionCount=8 (repeatable).")]
        public string[] Set { get; set; } = [];

        [CommandOption("--baseline <KEY=VALUE>")]
        [Description("Close the same book first with this setting too, then without, and print the ratio (repeatable; uses the three ports after --azurite-port's too).")]
        public string[] Baseline { get; set; } = [];

        [CommandOption("--task-hub-apart")]
        [Description("Keep the durable task hub in a second Azurite on the three ports after --azurite-port's (AzureWebJobsStorage apart from BillingStorage, as two storage accounts); a run with --baseline then takes six ports a run.")]
        public bool TaskHubApart { get; set; }

        [CommandOption("--packed")]
        [Description("Store each account's calls as a CDR file's are, fifty to a usage row, instead of a row each (as webhook calls are).")]
        public bool Packed { get; set; }

        public override ValidationResult Validate() =>
            Accounts < 1 || Calls < 0 ? ValidationResult.Error("--accounts must be at least 1 and --calls not negative.")
            : Set.Concat(Baseline).FirstOrDefault(s => !s.Contains('=', StringComparison.Ordinal)) is { } bad ? ValidationResult.Error($"'{bad}' is not KEY=VALUE.")
            : ValidationResult.Success();

        public Bench.CloseBenchOptions ToOptions() => new(Accounts, Calls, AzuritePort, Pairs(Set), Pairs(Baseline), TaskHubApart, Packed);

        private static List<KeyValuePair<string, string>> Pairs(IEnumerable<string> settings) =>
            [.. settings.Select(s => s.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], p[1]))];
    }

    /// <summary>A verb that works on a running <c>serve</c> (or a Functions app).</summary>
    public class OnRunningHost : CommandSettings
    {
        [CommandOption("--url <URL>")]
        [Description("The running host. Default: http://127.0.0.1:7071/.")]
        public string? Url { get; set; }

        [CommandOption("--key <KEY>")]
        [Description("The management API key serve printed. Default: Api__Key from the environment or local.settings.json.")]
        public string? Key { get; set; }

        [CommandOption("--json")]
        [Description("One JSON document on standard output, as the API answers it, instead of lines; progress and warnings stay on standard error.")]
        public bool Json { get; set; }

        public override ValidationResult Validate() =>
            Url is not null && !Uri.TryCreate(Url, UriKind.Absolute, out _) ? ValidationResult.Error($"--url: '{Url}' is not an absolute URL.") : ValidationResult.Success();

        protected static ValidationResult Date(string option, string? value) =>
            value is null || LocalDatePattern.Iso.Parse(value).Success ? ValidationResult.Success() : ValidationResult.Error($"{option}: '{value}' is not a date (yyyy-MM-dd).");
    }

    public sealed class Health : OnRunningHost;

    public sealed class Counters : OnRunningHost
    {
        [CommandOption("--source <SOURCE>")]
        [Description("Only this source (twilio, events, asterisk, ...).")]
        public string? Source { get; set; }

        [CommandOption("--from <DATE>")]
        [Description("First UTC day, yyyy-MM-dd.")]
        public string? From { get; set; }

        [CommandOption("--to <DATE>")]
        [Description("Last UTC day, yyyy-MM-dd.")]
        public string? To { get; set; }

        public override ValidationResult Validate() => First(Date("--from", From), Date("--to", To), base.Validate());
    }

    public sealed class CdrFile : OnRunningHost
    {
        [CommandArgument(0, "<BLOB>")]
        [Description("The file's name in the cdr-drops container, e.g. asterisk/UTC/Master.csv.")]
        public string Blob { get; set; } = "";
    }

    public sealed class Close : OnRunningHost
    {
        [CommandArgument(0, "<ACCOUNT>")]
        public string Account { get; set; } = "";

        [CommandArgument(1, "<PERIOD_START>")]
        [Description("The period's first day, yyyy-MM-dd.")]
        public string PeriodStart { get; set; } = "";

        [CommandOption("--wait")]
        [Description("Wait for the invoice and print it.")]
        public bool Wait { get; set; }

        public override ValidationResult Validate() => First(Date("<PERIOD_START>", PeriodStart), base.Validate());
    }

    /// <summary>An account's invoice on a running host.</summary>
    public class OnInvoice : OnRunningHost
    {
        [CommandArgument(0, "<ACCOUNT>")]
        public string Account { get; set; } = "";

        [CommandArgument(1, "<INVOICE>")]
        public string Invoice { get; set; } = "";
    }

    public sealed class CreditNote : OnInvoice
    {
        [CommandOption("--reason <TEXT>")]
        [Description("Why the invoice is corrected (printed on the note).")]
        public string? Reason { get; set; }

        [CommandOption("--amount <AMOUNT>")]
        [Description("Credit this amount, spread over the invoice's lines.")]
        public decimal? Amount { get; set; }

        [CommandOption("--lines <INDEXES>")]
        [Description("Credit these lines in full, e.g. 0,2.")]
        public string? Lines { get; set; }

        [CommandOption("--idempotency-key <KEY>")]
        [Description("Default: derived from the command line, so the same command twice credits once.")]
        public string? IdempotencyKey { get; set; }

        public override ValidationResult Validate() =>
            Lines is not null && Lines.Split(',', StringSplitOptions.TrimEntries).Any(l => !int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                ? ValidationResult.Error($"--lines: '{Lines}' is not a list of line numbers such as 0,2.")
                : base.Validate();
    }

    public sealed class Payment : OnInvoice
    {
        [CommandOption("--amount <AMOUNT>", isRequired: true)]
        public decimal Amount { get; set; }

        [CommandOption("--method <METHOD>", isRequired: true)]
        [Description("cheque or wire.")]
        public string Method { get; set; } = "";

        [CommandOption("--reference <TEXT>")]
        public string? Reference { get; set; }

        [CommandOption("--idempotency-key <KEY>")]
        public string? IdempotencyKey { get; set; }
    }

    public sealed class PaymentMigration : OnRunningHost
    {
        [CommandOption("--from <GATEWAY>", isRequired: true)]
        [Description("The gateway the accounts leave: authorizenet or stripe.")]
        public string From { get; set; } = "";

        [CommandOption("--to <GATEWAY>", isRequired: true)]
        [Description("The gateway they move to.")]
        public string To { get; set; } = "";

        [CommandOption("--file <FILE>", isRequired: true)]
        [Description("The processor's migration mapping (CSV: old_customer_id, old_payment_method_id, new_customer_id, new_payment_method_id).")]
        public string File { get; set; } = "";

        public override ValidationResult Validate() =>
            System.IO.File.Exists(File) ? base.Validate() : ValidationResult.Error($"--file: '{File}' does not exist.");
    }

    public sealed class IdentityBackfill : OnRunningHost
    {
        [CommandOption("--account <ID>")]
        [Description("Only this account's usage rows (every period). Default: the whole ledger.")]
        public string? Account { get; set; }
    }

    public sealed class SourceIndexBackfill : OnRunningHost
    {
        [CommandOption("--account <ID>")]
        [Description("Only this account's usage rows (every period). Default: the whole ledger.")]
        public string? Account { get; set; }
    }

    public sealed class ArAging : OnRunningHost
    {
        [CommandOption("--as-of <DATE>")]
        [Description("The day balances are aged to, yyyy-MM-dd. Default: today.")]
        public string? AsOf { get; set; }

        [CommandOption("--format <FORMAT>")]
        [Description("table (default), csv or json.")]
        public string Format { get; set; } = "table";

        [CommandOption("--csv")]
        [Description("The same as --format csv.")]
        public bool Csv { get; set; }

        public override ValidationResult Validate() => First(
            Date("--as-of", AsOf),
            Format is "table" or "csv" or "json" ? ValidationResult.Success() : ValidationResult.Error($"--format: '{Format}' is not one of table, csv, json."),
            base.Validate());
    }

    public class Quarantine : OnRunningHost
    {
        [CommandArgument(0, "<SOURCE>")]
        [Description("twilio, retell, vapi, events, asterisk, ...")]
        public string Source { get; set; } = "";
    }

    public sealed class QuarantineReplay : Quarantine
    {
        [CommandOption("--reference <REFERENCE>")]
        [Description("Rate only this record (repeatable). Default: every record the source holds.")]
        public string[] References { get; set; } = [];
    }

    public class WebhookEndpoint : OnRunningHost
    {
        [CommandArgument(0, "<ENDPOINT>")]
        [Description("The endpoint's id (we_...), as webhooks list prints it.")]
        public string Endpoint { get; set; } = "";
    }

    public sealed class WebhookLog : WebhookEndpoint
    {
        [CommandOption("--limit <N>")]
        [Description("How many of the newest log lines, 1 to 500. Default: 50.")]
        public int Limit { get; set; } = 50;

        public override ValidationResult Validate() =>
            Limit is < 1 or > 500 ? ValidationResult.Error($"--limit: {Limit} is not from 1 to 500.") : base.Validate();
    }

    public sealed class WebhookRedelivery : WebhookEndpoint
    {
        [CommandArgument(1, "<DELIVERY>")]
        [Description("The delivery's id, as webhooks deliveries prints it.")]
        public string Delivery { get; set; } = "";
    }

    public sealed class TaxReport : OnRunningHost
    {
        [CommandArgument(0, "<REPORT>")]
        [Description("form-499a, usf-recovery or tax-liability.")]
        public string Report { get; set; } = "";

        [CommandArgument(1, "<YEAR>")]
        public int Year { get; set; }


        [CommandOption("--part <PART>")]
        [Description("certificates: the exemption certificates behind the report.")]
        public string? Part { get; set; }

        [CommandOption("--out <FILE>")]
        [Description("Write the report to this file instead of the output.")]
        public string? Out { get; set; }

        public override ValidationResult Validate() => First(
            Report is "form-499a" or "usf-recovery" or "tax-liability" ? ValidationResult.Success() : ValidationResult.Error($"<REPORT>: '{Report}' is not one of form-499a, usf-recovery, tax-liability."),
            base.Validate());
    }

    public sealed class Reconcile : OnRunningHost
    {
        [CommandArgument(0, "<VENDOR>")]
        [Description("The vendor whose statement it is: twilio, retell.")]
        public string Vendor { get; set; } = "";

        [CommandArgument(1, "<MONTH>")]
        [Description("The statement's month, yyyy-MM.")]
        public string Month { get; set; } = "";

        [CommandArgument(2, "[STATEMENT]")]
        [Description("The statement CSV to import; without it, the month's latest reconciliation is printed.")]
        public string? Statement { get; set; }

        [CommandOption("--input-format <FORMAT>")]
        [Description("The statement's format: twilio-calls or retell-calls. Default: the vendor's.")]
        public string? InputFormat { get; set; }

        [CommandOption("--scope <SCOPE>")]
        [Description("Whose billed calls the statement must list: vendor (default, every account billed under the vendor that month) or statement (only the accounts it bills a call to).")]
        public string? Scope { get; set; }

        [CommandOption("--vendor-account <ID>")]
        [Description("Only this vendor account's calls (a Twilio AccountSid): a statement of one of several accounts or subaccounts.")]
        public string? VendorAccount { get; set; }
    }

    public sealed class CloseDue : CommandSettings
    {
        [CommandOption("--json")]
        [Description("The closes started and their invoices as one JSON document instead of lines; Azurite's start stays on standard error.")]
        public bool Json { get; set; }
    }

    public sealed class ReconcileBench : CommandSettings
    {
        [CommandOption("--rows <N>")]
        [Description("Generated statement rows. Default: 1000000.")]
        public int Rows { get; set; } = 1_000_000;

        [CommandOption("--page <N>")]
        [Description("Rows read per page. Default: 2000.")]
        public int Page { get; set; } = 2000;

        public override ValidationResult Validate() =>
            Rows < 1 || Page < 1 ? ValidationResult.Error("--rows and --page must be at least 1.") : ValidationResult.Success();
    }

    /// <summary>A <c>tax-tables</c> sub-verb.</summary>
    public class TaxTables : OnRunningHost;

    public sealed class TaxTablePut : TaxTables
    {
        [CommandArgument(0, "<FILE>")]
        [Description("A tax table document (JSON).")]
        public string File { get; set; } = "";

        [CommandOption("--name <NAME>")]
        [Description("The document's name. Default: the file's name.")]
        public string? Name { get; set; }
    }

    public sealed class TaxTableFreshness : TaxTables
    {
        [CommandOption("--horizon-days <DAYS>")]
        [Description("How far ahead a rule must have rates. Default: 45.")]
        public int? HorizonDays { get; set; }
    }

    private static ValidationResult First(params ValidationResult[] results) => results.FirstOrDefault(r => !r.Successful) ?? ValidationResult.Success();
}
