using System.Globalization;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Payments;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.LocalHost.Demo;

/// <summary>
/// The whole flow once, over the same interfaces a reseller uses: the management API, signed Twilio webhooks over
/// HTTP, a CDR file dropped into Blob storage, and the close through the durable orchestration.
/// </summary>
/// <remarks>It runs on its own in-memory Azurite (ports 10400-10402 unless <c>--azurite-port</c> says otherwise), so every run starts clean.</remarks>
public static class DemoScenario
{
    /// <summary>The first of the three ports of the demo's Azurite unless told otherwise.</summary>
    public const int DefaultAzuritePort = 10400;

    public static async Task<int> RunAsync(string outputFolder, bool keepServing, int azuritePort, TextWriter log, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot.Find();
        var demoAzurite = new AzuriteOptions(azuritePort, azuritePort + 1, azuritePort + 2, DataFolder: null);
        using var azurite = await AzuriteLauncher.EnsureRunningAsync(demoAzurite, root, log, cancellationToken);
        try
        {
            var port = LoopbackPorts.Free();
            var publicBaseUrl = new Uri($"http://127.0.0.1:{port}/");
            var twilioToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var settings = new Dictionary<string, string?>
            {
                [StorageNames.Connection] = demoAzurite.ConnectionString,
                ["AzureWebJobsStorage"] = demoAzurite.ConnectionString,
                ["Twilio:AuthToken"] = twilioToken,
                ["Twilio:PublicBaseUrl"] = publicBaseUrl.AbsoluteUri,
                ["Branding:Name"] = "Northwind Voice",
                ["Branding:Address"] = "1 Harbor Way, Suite 400, San Francisco, CA 94105",
                ["Logging:LogLevel:ServerlessBilling"] = "Warning",
            };
            await using var host = await BillingHost.StartAsync(new LocalHostOptions(port, apiKey, "DemoHub"), settings, cancellationToken);
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            var api = new BillingApiClient(http, apiKey);
            await log.WriteLineAsync($"Local host on {host.BaseAddress}");

            var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb[DemoData.Acme.Billing.TimeZone]).Date;
            var period = BillingPeriod.Containing(BillingPeriod.Containing(today, 1).Start.PlusDays(-1), 1);
            var previousPeriod = BillingPeriod.Containing(period.Start.PlusDays(-1), 1);
            var calls = period.Start.PlusDays(4);
            var previousCalls = period.Start.PlusMonths(-1).PlusDays(4);

            await api.PutPlanAsync(DemoData.Plan, cancellationToken);
            foreach (var account in new[] { DemoData.Acme, DemoData.Brightside })
            {
                await api.PutAccountAsync(account, cancellationToken);
            }

            foreach (var number in DemoData.Numbers(period.Start.PlusMonths(-1)))
            {
                await api.AssignNumberAsync(number, cancellationToken);
            }

            await log.WriteLineAsync($"Seeded plan '{DemoData.Plan.Id}', 2 accounts, 3 numbers. Closing period {period}.");
            await DemoReconciliation.ImportCostPlanAsync(api, period.Start.PlusMonths(-1), log, cancellationToken);
            await PostWebhooksAsync(api, twilioToken, publicBaseUrl, calls, log, cancellationToken);
            foreach (var form in DemoData.PreviousMonthTwilioCallbacks(previousCalls))
            {
                using var response = await api.PostTwilioCallbackAsync(form, twilioToken, publicBaseUrl, cancellationToken);
                await log.WriteLineAsync($"  Twilio {form.Single(p => p.Key == "CallSid").Value} completed   -> {(int)response.StatusCode} (the month before)");
            }

            var blobs = host.Services.GetRequiredService<BlobServiceClient>();
            var drop = $"asterisk/America/Chicago/Master-{period.Key}.csv";
            await blobs.GetBlobContainerClient(StorageNames.CdrDropsContainer).GetBlobClient(drop)
                .UploadAsync(BinaryData.FromString(DemoData.AsteriskFile(calls)), overwrite: true, cancellationToken);
            host.Services.GetRequiredService<IdlePollers>().Wake(StorageNames.CdrDropsContainer);
            await log.WriteLineAsync($"Dropped {StorageNames.CdrDropsContainer}/{drop} (5 lines, one malformed).");

            var ledger = host.Services.GetRequiredService<IUsageLedger>();
            await new Commands.PhaseProgress(log).RunAsync("Rating the calls", () => WaitUntilAsync(
                async () => (await ledger.ListAsync(DemoData.Acme.Id, period, cancellationToken)).Count == 4
                    && (await ledger.ListAsync(DemoData.Brightside.Id, period, cancellationToken)).Count == 3
                    && (await ledger.ListAsync(DemoData.Acme.Id, previousPeriod, cancellationToken)).Count == 1
                    && (await ledger.ListAsync(DemoData.Brightside.Id, previousPeriod, cancellationToken)).Count == 1,
                cancellationToken));

            outputFolder = Path.GetFullPath(outputFolder, root);
            Directory.CreateDirectory(outputFolder);
            var rows = new List<string>();
            var invoices = new List<InvoiceSummary>();
            foreach (var account in new[] { DemoData.Acme, DemoData.Brightside })
            {
                var invoice = await DemoTaxHold.CloseAsync(api, new CycleRequest(account.Id, period.Key), log, cancellationToken);
                invoices.Add(invoice);
                var usage = await ledger.ListAsync(account.Id, period, cancellationToken);
                var pdfPath = Path.Combine(outputFolder, $"{invoice.Number}.pdf");
                var csvPath = Path.Combine(outputFolder, $"{invoice.Number}.usage.csv");
                foreach (var (document, path) in new[] { (invoice.PdfDocument!, pdfPath), (invoice.UsageCsvDocument!, csvPath) })
                {
                    var blob = document.Split('/', 2);
                    await blobs.GetBlobContainerClient(blob[0]).GetBlobClient(blob[1]).DownloadToAsync(path, cancellationToken);
                }

                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{account.Name,-20} {usage.Count,5} {usage.Sum(u => u.Charge.BillableSeconds) / 60m,8:0.##} {invoice.Total,10:0.00} {invoice.Currency}  {invoice.Number,-11} {invoice.PdfDocument}"));
                rows.Add($"{"",-20} PDF copy: {pdfPath}");
                rows.Add($"{"",-20} usage CSV: {csvPath}");
            }

            await log.WriteLineAsync();
            await log.WriteLineAsync($"{"Account",-20} {"Calls",5} {"Minutes",8} {"Total",10}      {"Invoice",-11} Stored as");
            foreach (var row in rows)
            {
                await log.WriteLineAsync(row);
            }

            await PrintQuarantineAsync(host.Services.GetRequiredService<IQuarantine>(), log, cancellationToken);
            await log.WriteLineAsync();
            await Commands.CountersCommand.RunAsync(api, new Commands.CommandOptions([]), log, cancellationToken);
            await CollectAsync(api, host.Services.GetRequiredService<DurableTaskClient>(), invoices[0], log, cancellationToken);
            await DemoReconciliation.ReconcileAsync(api, previousCalls, calls, log, cancellationToken);
            await PrintFacesAsync(api, host.BaseAddress, apiKey, keepServing, log, cancellationToken);
            if (keepServing)
            {
                await ServeUntilStoppedAsync(cancellationToken);
            }

            return 0;
        }
        finally
        {
            AzuriteLauncher.Stop(azurite);
        }
    }

    private static async Task PostWebhooksAsync(
        BillingApiClient api, string token, Uri publicBaseUrl, LocalDate day, TextWriter log, CancellationToken cancellationToken)
    {
        var callbacks = DemoData.TwilioCallbacks(day).ToList();
        foreach (var form in callbacks.Append(callbacks[0]))
        {
            using var response = await api.PostTwilioCallbackAsync(form, token, publicBaseUrl, cancellationToken);
            var fields = form.ToDictionary(p => p.Key, p => p.Value);
            await log.WriteLineAsync($"  Twilio {fields["CallSid"]} {fields["CallStatus"],-10} -> {(int)response.StatusCode}");
        }

        using var forged = await api.PostTwilioCallbackAsync(callbacks[0], "not-the-auth-token", publicBaseUrl, cancellationToken);
        await log.WriteLineAsync($"  Twilio CA0001 with a forged signature -> {(int)forged.StatusCode} (nothing stored)");
    }

    private static async Task PrintQuarantineAsync(IQuarantine quarantine, TextWriter log, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync();
        await log.WriteLineAsync("Quarantined (kept with the reason, replayable):");
        foreach (var record in await quarantine.ListAsync(AsteriskMasterCsv.Source, cancellationToken))
        {
            await log.WriteLineAsync($"  {record.Reference}: {record.Problem}");
        }
    }

    /// <summary>Each invoice went to its collection; neither account has a card on file, so one pays by cheque and the other stays open.</summary>
    private static async Task CollectAsync(BillingApiClient api, DurableTaskClient engine, InvoiceSummary paid, TextWriter log, CancellationToken cancellationToken)
    {
        await new Commands.PhaseProgress(log).RunAsync($"Opening {paid.Number} for collection", () =>
            WaitUntilAsync(async () => (await api.GetInvoiceAsync(paid.AccountId, paid.InvoiceId, cancellationToken)).Payments is not null, cancellationToken));
        var history = await api.RecordOfflinePaymentAsync(paid.AccountId, paid.InvoiceId,
            new OfflinePaymentRequest("demo-cheque-1042", paid.Total, "cheque", "1042"), cancellationToken);
        await log.WriteLineAsync();
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Cheque 1042 recorded on {paid.Number}: paid {history.Paid:0.00}, balance {history.BalanceDue:0.00} ({history.Status})."));
        // The cheque ends that invoice's collection; let it finish before the host stops.
        var collection = new CollectionRequest(paid.AccountId, paid.InvoiceId).CollectionId;
        await new Commands.PhaseProgress(log).RunAsync($"Ending the collection of {paid.Number}", () =>
            WaitUntilAsync(async () => (await engine.GetInstanceAsync(collection, cancellationToken))?.IsCompleted == true, cancellationToken));
        await Commands.ArAgingCommand.RunAsync(api, new Commands.CommandOptions([]), log, cancellationToken);
    }

    /// <summary>The web pages a person can open on this host: the customer portal through a fresh link for the first demo account.</summary>
    private static async Task PrintFacesAsync(
        BillingApiClient api, Uri baseAddress, string apiKey, bool keepServing, TextWriter log, CancellationToken cancellationToken)
    {
        var link = await api.IssuePortalLinkAsync(DemoData.Acme.Id, cancellationToken);
        await log.WriteLineAsync();
        await log.WriteLineAsync($"Customer portal for {DemoData.Acme.Name} (valid until {link.ExpiresAt}, while this host runs):");
        await log.WriteLineAsync($"  {link.Url}");
        await log.WriteLineAsync($"Reseller console: {baseAddress}api/console/ (sign in with this run's key {apiKey}; it ends with the host)");
        await log.WriteLineAsync(keepServing
            ? "Serving until Ctrl+C."
            : "The host stops now; run `demo --keep-serving` to open them.");
    }

    private static async Task ServeUntilStoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: the host is stopped and disposed on the way out, as after a demo that does not keep serving.
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The local host did not get there within 60 s (rating, or opening an invoice for collection).");
            }

            await Task.Delay(250, cancellationToken);
        }
    }
}
