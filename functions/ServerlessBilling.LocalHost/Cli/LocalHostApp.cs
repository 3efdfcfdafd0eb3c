using Spectre.Console.Cli;
using ServerlessBilling.LocalHost.Bench;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.LocalHost.Demo;

namespace ServerlessBilling.LocalHost.Cli;

/// <summary>The verbs as a Spectre.Console.Cli application: <c>--help</c> on every verb, options checked before a verb runs.</summary>
/// <remarks>
/// Exit codes: 0 done; 1 done with something to look at (unpriced calls, unreadable lines, expiring tax rules, failed closes);
/// 2 the command line or an input file was refused (the message says which option, argument or field); 130 stopped by Ctrl+C.
/// </remarks>
public static class LocalHostApp
{
    public const string Name = "sbill";

    public static CommandApp Create(TextWriter output, TextWriter errors)
    {
        var app = new CommandApp();
        app.Configure(c =>
        {
            c.SetApplicationName(Name);
            c.UseStrictParsing();
            c.SetExceptionHandler((exception, _) => Refuse(exception, errors));

            c.AddAsyncDelegate<VerbSettings.Serve>("serve", (_, s, ct) => LocalHostCommand.ServeAsync(s.Port, s.AzuritePort, ct, s.InMemory))
                .WithDescription("Run the Functions routes, the CDR watcher, the rating queue and the durable engine against Azurite until Ctrl+C.");
            c.AddAsyncDelegate<VerbSettings.CloseDue>("close-due", (_, s, ct) => LocalHostCommand.CloseDueAsync(s.Json, output, errors, ct))
                .WithDescription("Start the close of every period that ended more than Cycles:GraceHours ago, wait for them and print the invoices.");
            c.AddAsyncDelegate<VerbSettings.Demo>("demo", (_, s, ct) => DemoScenario.RunAsync(s.Out, s.KeepServing, s.AzuritePort, output, ct))
                .WithDescription("Seed a reseller, post signed webhooks, drop an Asterisk CDR file, rate, close the period and print a summary.");
            c.AddCommand<RateCommand>("rate")
                .WithDescription("Price a file of calls offline and print each charge and the total.")
                .WithExample("rate", "--plan", "samples/plan.json", "--input", "samples/calls.jsonl", "--zone", "America/Chicago");
            c.AddCommand<QuoteCommand>("quote")
                .WithDescription("A month's invoice (before tax) and margin per account and for N accounts.")
                .WithExample("quote", "--plan", "samples/plan.json", "--input", "samples/calls.jsonl", "--zone", "America/Chicago", "--accounts", "40");
            c.AddAsyncDelegate<VerbSettings.CloseBench>("close-bench", (_, s, ct) => CloseBenchCommand.RunAsync(s.ToOptions(), output, errors, ct))
                .WithDescription("Close a period for many accounts on a fresh Azurite and print the wall time and storage operations per invoice.");
            c.AddAsyncDelegate<VerbSettings.IngestBench>("ingest-bench", (_, s, ct) => IngestBenchCommand.RunAsync(s.ToOptions(), output, errors, ct))
                .WithDescription("Drop N CDR lines or post N signed webhooks to a fresh Azurite and host, wait until rated, print events/s, storage requests per event, peak working set and cost.")
                .WithExample("ingest-bench", "cdr", "--count", "100000")
                .WithExample("ingest-bench", "webhooks", "--count", "5000", "--baseline", "Rating:AccountCacheSeconds=0");
            c.AddAsyncDelegate<VerbSettings.Load>("load", (_, s, ct) => LoadCommand.RunAsync(
                    new Uri(s.Url.EndsWith('/') ? s.Url : s.Url + "/"), s.Secret ?? Environment.GetEnvironmentVariable("UsageEvents__SigningSecret")
                        ?? throw new ArgumentException("--secret is required: the usage events signing secret of the running host (or set UsageEvents__SigningSecret)."),
                    s.Rate, s.Count, TimeSpan.FromSeconds(s.Seconds), s.Concurrency, s.Accounts is { } accounts ? new LoadSeed(accounts, RunningHost.Key(s.Key)) : null,
                    s.From ?? IngestWorkload.Number(0), s.LatencyLog, output, errors, ct))
                .WithDescription("Post signed usage-event webhooks to a running host on this machine at a target rate (bounded in count and time) and print latency percentiles.");

            c.AddAsyncDelegate<VerbSettings.Health>("health", (ctx, s, ct) => OnHost(ctx, s, (api, _) => HealthCommand.RunAsync(api, s.Json, output, ct)))
                .WithDescription("Storage, task hub, rating and poison queue depth, oldest unrated message, tax table freshness and gateways of a running host (exit code 1 when unhealthy).");
            c.AddAsyncDelegate<VerbSettings.OpenApi>("openapi", (_, s, ct) => LocalHostCommand.WriteOpenApiAsync(s.Out, output, ct))
                .WithDescription("The OpenAPI 3.1 document of the routes (as GET /api/openapi.json serves it), without starting anything.");
            c.AddAsyncDelegate<VerbSettings.Counters>("counters", (ctx, s, ct) => OnHost(ctx, s, (api, a) => CountersCommand.RunAsync(api, new CommandOptions(a), output, ct)))
                .WithDescription("Received, accepted, ignored, rejected, queued, quarantined, rated and duplicate counts per source and UTC day.");
            c.AddAsyncDelegate<VerbSettings.CdrFile>("cdr-file", (ctx, s, ct) => OnHost(ctx, s, (api, a) => CdrFileCommand.RunAsync(api, a, output, ct)))
                .WithDescription("A dropped file's manifest per upload: lines read, queued, accepted, duplicate, quarantined, unattributed, unpriced.");
            c.AddAsyncDelegate<VerbSettings.Close>("close", (ctx, s, ct) => OnHost(ctx, s, (api, a) => CloseCommand.RunAsync(api, a, output, errors, ct)))
                .WithDescription("Start one period's close on a running host; --wait prints its invoice.");
            c.AddBranch("credit-note", branch =>
            {
                branch.SetDescription("Correct a final invoice with a credit note (the same command twice credits once), or list an invoice's notes.");
                branch.AddAsyncDelegate<VerbSettings.CreditNote>("issue", (ctx, s, ct) => OnHost(ctx, s, (api, a) => CreditNoteCommand.RunAsync(api, a, output, ct)))
                    .WithDescription("Issue a credit note: --reason and --amount or --lines.");
                branch.AddAsyncDelegate<VerbSettings.OnInvoice>("list", (ctx, s, ct) => OnHost(ctx, s, (api, a) => CreditNoteCommand.RunAsync(api, ["list", .. a], output, ct)))
                    .WithDescription("The invoice's credit notes.");
            });
            c.AddAsyncDelegate<VerbSettings.Payment>("payment", (ctx, s, ct) => OnHost(ctx, s, (api, a) => PaymentCommand.RunAsync(api, [.. a], output, ct)))
                .WithDescription("Record a payment received outside the gateway (cheque, wire).");
            c.AddAsyncDelegate<VerbSettings.PaymentMigration>("payment-migration", (ctx, s, ct) => OnHost(ctx, s, (api, _) => PaymentMigrationCommand.RunAsync(api, s.From, s.To, s.File, s.Json, output, ct)))
                .WithDescription("Move accounts to another gateway from the processor's migration mapping and print each line's outcome (exit code 1 when a line was rejected or failed).")
                .WithExample("payment-migration", "--from", "authorizenet", "--to", "stripe", "--file", "map.csv");
            c.AddAsyncDelegate<VerbSettings.ArAging>("ar-aging", (ctx, s, ct) => OnHost(ctx, s, (api, a) => ArAgingCommand.RunAsync(api, new CommandOptions(a), output, ct)))
                .WithDescription("Open balances per account by days past due.");
            c.AddBranch("quarantine", branch =>
            {
                branch.SetDescription("What a source could not bill, or rate it again once a number, agent or plan is fixed.");
                branch.AddAsyncDelegate<VerbSettings.Quarantine>("list", (ctx, s, ct) => OnHost(ctx, s, (api, a) => QuarantineCommand.RunAsync(api, ["list", .. a], output, ct)))
                    .WithDescription("The records the source holds: reference, field and reason.");
                branch.AddAsyncDelegate<VerbSettings.QuarantineReplay>("replay", (ctx, s, ct) => OnHost(ctx, s, (api, a) => QuarantineCommand.RunAsync(api, ["replay", .. a], output, ct)))
                    .WithDescription("Rate the source's records again (only those named with --reference) and print how many were billed.");
            });
            c.AddBranch("webhooks", branch =>
            {
                branch.SetDescription("The reseller's webhook endpoints, an endpoint's delivery log, or one delivery sent again now.");
                branch.AddAsyncDelegate<VerbSettings.OnRunningHost>("list", (ctx, s, ct) => OnHost(ctx, s, (api, _) => WebhooksCommand.ListAsync(api, s.Json, output, ct)))
                    .WithDescription("Every endpoint: id, enabled or disabled, URL, event types, and why it was disabled.");
                branch.AddAsyncDelegate<VerbSettings.WebhookLog>("deliveries", (ctx, s, ct) => OnHost(ctx, s, (api, _) => WebhooksCommand.DeliveriesAsync(api, s.Endpoint, s.Limit, s.Json, output, ct)))
                    .WithDescription("The endpoint's delivery log, newest first: attempts with their outcome, response code and latency, and notices.");
                branch.AddAsyncDelegate<VerbSettings.WebhookRedelivery>("redeliver", (ctx, s, ct) => OnHost(ctx, s, (api, _) => WebhooksCommand.RedeliverAsync(api, s.Endpoint, s.Delivery, s.Json, output, ct)))
                    .WithDescription("Send one delivery again now and print the attempt (exit code 1 when the endpoint did not accept it).");
            });
            c.AddAsyncDelegate<VerbSettings.IdentityBackfill>("identity-backfill", (ctx, s, ct) => OnHost(ctx, s, (api, _) => IdentityBackfillCommand.RunAsync(api, s.Account, s.Json, output, ct)))
                .WithDescription("Give usage billed before event identities were kept its identity rows (safe to repeat); --account for one account's.");
            c.AddAsyncDelegate<VerbSettings.SourceIndexBackfill>("source-index-backfill", (ctx, s, ct) => OnHost(ctx, s, (api, _) => SourceIndexBackfillCommand.RunAsync(api, s.Account, s.Json, output, ct)))
                .WithDescription("Index the sources of usage rated before reconciliation's index was kept, so those periods reconcile (safe to repeat); --account for one account's.");
            c.AddAsyncDelegate<VerbSettings.Reconcile>("reconcile", (ctx, s, ct) => OnHost(ctx, s, (api, a) => ReconcileCommand.RunAsync(api, a, output, errors, ct)))
                .WithDescription("Import a vendor's statement for a month, wait for its reconciliation and print totals, drift, leakage and cost differences.");
            c.AddAsyncDelegate<VerbSettings.ReconcileBench>("reconcile-bench", (ctx, s, ct) => ReconcileBenchCommand.RunAsync(new CommandOptions(ctx.Arguments.ToArray()), output, errors, ct))
                .WithDescription("Reconcile a generated statement page by page and print rows/s and the peak working set.");
            c.AddAsyncDelegate<VerbSettings.TaxReport>("tax-report", (ctx, s, ct) => OnHost(ctx, s, (api, a) => TaxReportCommand.RunAsync(api, a, output, errors, ct)))
                .WithDescription("Form 499-A worksheet, USF recovery per quarter or taxes per month and jurisdiction, from the year's finalized invoices.");
            c.AddBranch("tax-tables", branch =>
            {
                branch.SetDescription("The tax table documents in force, upload one, or list the rules that run out soon.");
                branch.AddAsyncDelegate<VerbSettings.TaxTables>("list", (ctx, s, ct) => OnHost(ctx, s, (api, a) => TaxTablesCommand.RunAsync(api, ["list", .. a], output, ct)));
                branch.AddAsyncDelegate<VerbSettings.TaxTablePut>("put", (ctx, s, ct) => OnHost(ctx, s, (api, a) => TaxTablesCommand.RunAsync(api, ["put", .. a], output, errors, ct)));
                branch.AddAsyncDelegate<VerbSettings.TaxTableFreshness>("freshness", (ctx, s, ct) => OnHost(ctx, s, (api, a) => TaxTablesCommand.RunAsync(api, ["freshness", .. a], output, ct)));
            });
        });
        return app;
    }

    /// <summary>Runs an operations verb on a running host with the words after the verb (and its sub-verb), as the verb reads them.</summary>
    private static async Task<int> OnHost(CommandContext context, VerbSettings.OnRunningHost settings, Func<BillingApiClient, string[], Task<int>> verb)
    {
        var words = context.Arguments.ToArray();
        var after = Array.IndexOf(words, context.Name) + 1;
        using var http = new HttpClient();
        var api = RunningHost.Connect(new CommandOptions(words), http);
        return await verb(api, words[after..]);
    }

    /// <summary>A refused command line or input file is a message and exit code 2; anything else is a bug and keeps its stack trace.</summary>
    private static int Refuse(Exception exception, TextWriter errors)
    {
        switch (exception)
        {
            case CommandParseException or CommandRuntimeException:
                errors.WriteLine($"error: {exception.Message}");
                errors.WriteLine("Run with --help for the verb's options.");
                return 2;
            case ArgumentException or IOException or System.Text.Json.JsonException or HttpRequestException or UnauthorizedAccessException:
                errors.WriteLine($"error: {exception.Message}");
                return 2;
            case OperationCanceledException:
                return 130;
            default:
                errors.WriteLine(exception.ToString());
                return 1;
        }
    }
}
