using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Cycles;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.LocalHost.Demo;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.LocalHost;

/// <summary>The local host's verbs: <c>serve</c> runs until stopped, <c>demo</c> runs the whole flow once and prints what happened, the rest are offline tools or operations on a running host.</summary>
public static class LocalHostCommand
{
    private const string Usage = """
        Usage: dotnet run --project functions/ServerlessBilling.LocalHost -- <verb> [options]

          serve [--port 7071]      Run the Functions routes, the CDR watcher, the rating queue and the
                                   durable engine against Azurite (127.0.0.1:10000-10002, data in .azurite/)
                                   until Ctrl+C, checking for due closes at start and every hour and
                                   publishing domain events to billing-events every 5 s. Settings
                                   come from functions/ServerlessBilling.Functions/local.settings.json when
                                   it exists (see local.settings.sample.json).
          close-due                Start the close of every period that ended more than Cycles:GraceHours
                                   ago (as the daily timer does), wait for them and print the invoices.
          demo [--out out/demo]    Seed a reseller, post signed Twilio webhooks, drop an Asterisk CDR file,
                                   rate, close the period and print a summary; invoice PDFs go to --out.
                                   Ends with Twilio's call records for the month reconciled.
          rate --plan plan.json --input calls.jsonl|Master.csv [--format events|asterisk|freeswitch|twilio-bulkexport|csv]
               [--zone IANA] [--out table|csv|json]
                                   Price a file of calls offline and print each charge and the total.
          close-bench [--accounts 1000] [--calls 20]
                                   Close a period for many accounts on a fresh Azurite and print the wall
                                   time, orchestrations per second and storage operations per invoice.
          quote --plan plan.json --input usage-sample [--accounts N] [--numbers N] [--zone IANA]
                                   A month's invoice and margin per account and for N accounts.
          counters [--source s] [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--url U] [--key K]
                                   Received, accepted, ignored, rejected, queued, quarantined, rated and
                                   duplicate counts per source and UTC day, from a running host.
          cdr-file <blob name> [--url U] [--key K]
                                   A dropped file's manifest per upload: lines read, queued, accepted,
                                   duplicate, quarantined, unattributed, unpriced, pending.
          close <account> <periodStart> [--wait] [--url U] [--key K]
                                   Start one period's close on a running host; --wait prints its invoice.
          credit-note <account> <invoiceId> --reason R (--amount A | --lines 0,2) [--idempotency-key K]
          credit-note list <account> <invoiceId> [--url U] [--key K]
                                   Correct a final invoice with a credit note (CN-000001, ...; the same
                                   command twice credits once); the credit lands on the next invoice.
          payment <account> <invoiceId> --amount A --method cheque|wire [--reference R] [--idempotency-key K]
                                   Record a payment received outside the gateway; the invoice's collection
                                   stops when nothing is left to pay.
          ar-aging [--as-of yyyy-MM-dd] [--csv] [--url U] [--key K]
                                   Open balances per account by days past due (current, 1-30, 31-60,
                                   61-90, 90+).
          quarantine list <source> [--url U] [--key K]
          quarantine replay <source> [--url U] [--key K]
                                   What a source could not bill, or rate it again once a number, agent
                                   or plan is fixed.
          identity-backfill [--url U] [--key K]
                                   Give usage billed before event identities were kept its identity rows
                                   (safe to repeat and while the host runs); prints rows scanned,
                                   identities written, already present and conflicting (exit code 1).
          reconcile <vendor> <month> [statement.csv] [--format twilio-calls|retell-calls] [--url U] [--key K]
                                   Import a vendor's statement for a month (2026-11), wait for its
                                   reconciliation and print vendor, expected and billed totals, margin
                                   drift, leakage and cost differences (exit code 1 when there are any);
                                   without a file, the month's latest reconciliation.
          reconcile-bench [--rows 1000000] [--page 2000]
                                   Reconcile a generated statement page by page and print rows/s and
                                   the peak working set.
          tax-tables list [--url U] [--key K]
          tax-tables put <file.json> [--name federal] [--url U] [--key K]
          tax-tables freshness [--horizon-days 45] [--url U] [--key K]
                                   The tax table documents in force (shipped or stored), or upload one;
                                   a table with a gap or overlap is rejected naming the rule, and an
                                   upload resumes the closes held for missing tax data. freshness lists
                                   the rules whose newest rate ends within the horizon (exit code 1).
          tax-report form-499a|usf-recovery|tax-liability <year> [--format csv|json]
               [--part certificates] [--out file] [--url U] [--key K]
                                   Form 499-A revenue worksheet, USF recovery per quarter or taxes per
                                   month and jurisdiction, from the finalized invoices of the year.
                                   --url defaults to http://127.0.0.1:7071/, --key to Api__Key.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.FirstOrDefault();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        try
        {
            return verb switch
            {
                "serve" => await ServeAsync(Option(args, "--port", "7071"), stop.Token),
                "close-due" => await CloseDueAsync(stop.Token),
                "demo" => await DemoScenario.RunAsync(Option(args, "--out", Path.Combine("out", "demo")), Console.Out, stop.Token),
                "rate" => RateCommand.Run(new CommandOptions(args), Console.Out, Console.Error),
                "quote" => QuoteCommand.Run(new CommandOptions(args), Console.Out, Console.Error),
                "close-bench" => await CloseBenchCommand.RunAsync(new CommandOptions(args), Console.Out, stop.Token),
                "counters" => await OnRunningHostAsync(args, (api, ct) => CountersCommand.RunAsync(api, new CommandOptions(args), Console.Out, ct), stop.Token),
                "cdr-file" => await OnRunningHostAsync(args, (api, ct) => CdrFileCommand.RunAsync(api, args[1..], Console.Out, ct), stop.Token),
                "close" => await OnRunningHostAsync(args, (api, ct) => CloseCommand.RunAsync(api, args[1..], Console.Out, ct), stop.Token),
                "credit-note" => await OnRunningHostAsync(args, (api, ct) => CreditNoteCommand.RunAsync(api, args[1..], Console.Out, ct), stop.Token),
                "payment" => await OnRunningHostAsync(args, (api, ct) => PaymentCommand.RunAsync(api, args[1..], Console.Out, ct), stop.Token),
                "ar-aging" => await OnRunningHostAsync(args, (api, ct) => ArAgingCommand.RunAsync(api, new CommandOptions(args), Console.Out, ct), stop.Token),
                "quarantine" => await OnRunningHostAsync(args, (api, ct) => QuarantineCommand.RunAsync(api, args[1..], Console.Out, ct), stop.Token),
                "identity-backfill" => await OnRunningHostAsync(args, (api, ct) => IdentityBackfillCommand.RunAsync(api, Console.Out, ct), stop.Token),
                "tax-report" => await OnRunningHostAsync(args, (api, ct) => TaxReportCommand.RunAsync(api, args[1..], Console.Out, ct), stop.Token),
                "reconcile" => await OnRunningHostAsync(args, (api, ct) => ReconcileCommand.RunAsync(api, args[1..], Console.Out, ct), stop.Token),
                "reconcile-bench" => await ReconcileBenchCommand.RunAsync(new CommandOptions(args), Console.Out, stop.Token),
                "tax-tables" => await OnRunningHostAsync(args, (api, ct) => TaxTablesCommand.RunAsync(api, args[1..], Console.Out, ct), stop.Token),
                _ => Fail(Usage),
            };
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 130;
        }
        catch (Exception e) when (e is ArgumentException or IOException or System.Text.Json.JsonException or HttpRequestException)
        {
            return Fail(e.Message);
        }
    }

    private static async Task<int> OnRunningHostAsync(string[] args, Func<Client.BillingApiClient, CancellationToken, Task<int>> verb, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        return await verb(RunningHost.Connect(new CommandOptions(args), http), cancellationToken);
    }

    private static Task<int> ServeAsync(string port, CancellationToken cancellationToken) =>
        WithHostAsync(int.Parse(port, null), TimeSpan.FromHours(1), cancellationToken, async (host, apiKey) =>
        {
            Console.WriteLine($"Serving {host.BaseAddress}api/ (management API key: x-functions-key: {apiKey}). Ctrl+C stops.");
            await host.WaitForShutdownAsync(cancellationToken);
            return 0;
        });

    private static Task<int> CloseDueAsync(CancellationToken cancellationToken) =>
        WithHostAsync(0, null, cancellationToken, async (host, _) =>
        {
            var summary = await CloseDueCheck.RunOnceAsync(host.Services, cancellationToken);
            Console.WriteLine($"{summary.Accounts} accounts: {summary.Started.Count} closes started, {summary.AlreadyStarted} already started, {summary.NothingDue} with nothing due.");
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            var failed = 0;
            foreach (var request in summary.Started)
            {
                var instance = await WaitForEndOrHoldAsync(client, request.InstanceId, cancellationToken);
                var invoice = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed
                    ? instance.ReadOutputAs<InvoiceSummary>()
                    : null;
                var held = CloseProgress.Of(instance)?.AwaitingTaxData;
                failed += invoice is null && held is null ? 1 : 0;
                Console.WriteLine(invoice is not null ? $"  {request.AccountId} {request.PeriodStart}: {invoice.Number} {invoice.Total} {invoice.Currency}"
                    : held is not null ? $"  {request.AccountId} {request.PeriodStart}: held, awaiting tax data: {string.Join("; ", held.Missing)}"
                    : $"  {request.AccountId} {request.PeriodStart}: {instance.RuntimeStatus} {instance.FailureDetails?.ErrorMessage}");
            }

            foreach (var close in summary.AwaitingTaxData.Where(c => summary.Started.All(s => s.InstanceId != c.InstanceId)))
            {
                Console.WriteLine($"  {close.InstanceId}: held, awaiting tax data: {string.Join("; ", close.Hold.Missing)}");
            }

            foreach (var rule in summary.ExpiringTaxRules)
            {
                Console.WriteLine($"Tax rule {rule.RuleKey} (table {rule.Table}) has no rate from {rule.CoveredUntil:yyyy-MM-dd}: store the next rates (tax-tables put).");
            }

            return failed == 0 ? 0 : 1;
        });

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
    private static async Task<int> WithHostAsync(
        int port, TimeSpan? closeDueEvery, CancellationToken cancellationToken, Func<BillingHost, string, Task<int>> run)
    {
        var root = RepositoryRoot.Find();
        var azurite = new AzuriteOptions();
        using var azuriteProcess = await AzuriteLauncher.EnsureRunningAsync(azurite, root, Console.Out, cancellationToken);
        try
        {
            var settings = LoadSettings(root, azurite);
            var apiKey = settings.GetValueOrDefault("Api:Key") ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var options = new LocalHostOptions(port, apiKey) { CloseDueEvery = closeDueEvery, SettlementCheckEvery = closeDueEvery, PublishEventsEvery = TimeSpan.FromSeconds(5) };
            await using var host = await BillingHost.StartAsync(options, settings, cancellationToken);
            return await run(host, apiKey);
        }
        finally
        {
            azuriteProcess?.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Azurite defaults, overlaid with the Values of local.settings.json (<c>A__B</c> means <c>A:B</c>) and the environment.</summary>
    private static Dictionary<string, string?> LoadSettings(string root, AzuriteOptions azurite)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["BillingStorage"] = azurite.ConnectionString,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
        };
        var file = Path.Combine(root, "functions", "ServerlessBilling.Functions", "local.settings.json");
        if (File.Exists(file))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var value in json.RootElement.GetProperty("Values").EnumerateObject())
            {
                settings[value.Name.Replace("__", ":", StringComparison.Ordinal)] = value.Value.GetString();
            }
        }

        foreach (var key in settings.Keys.ToList())
        {
            if (Environment.GetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal)) is { } fromEnvironment)
            {
                settings[key] = fromEnvironment;
            }
        }

        // The sample's "UseDevelopmentStorage=true" means Azurite on its default ports, which is what runs here.
        foreach (var key in new[] { "BillingStorage", "AzureWebJobsStorage" })
        {
            if (string.Equals(settings[key], "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
            {
                settings[key] = azurite.ConnectionString;
            }
        }

        return settings;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
