using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Cycles;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Rating;
using ServerlessBilling.Telemetry;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Telemetry;

/// <summary>What the local host emits on Azurite: a call's spans from the webhook through the rating queue to its usage row in one
/// trace, a close's steps once each in its invoice's trace despite the orchestrator's replays, the metrics of a known scenario,
/// and log records without secrets or whole phone numbers.</summary>
[Collection(AzuriteCollection.Name)]
public partial class TelemetryTests(TelemetryHostFixture host) : IClassFixture<TelemetryHostFixture>
{
    private static readonly PricePlan Plan = new("otel-plan", "Traced Voice", "USD",
    [
        new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 10m, NumberFee: 1m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    [Fact]
    public async Task Webhook_ToRatedCall_IsOneTraceAcrossTheQueue()
    {
        var (_, period) = await SeedAsync("otel-trace", "+17205550410");

        (await PostTwilioAsync(Completed("CAotel01", "+13035550011", "+17205550410", 61, period.Start.PlusDays(2)))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var recorded = await SpanAsync(s => s.OperationName == "record rated usage" && Tag(s, TelemetryTags.Event) == "twilio-CAotel01");
        var trace = await SpansAsync(s => s.TraceId == recorded.TraceId, count: 2, ["rate usage", "receive webhook"]);
        var rating = trace.Where(s => s.OperationName == "rate usage").ShouldHaveSingleItem();
        var received = trace.Where(s => s.OperationName == "receive webhook").ShouldHaveSingleItem();
        Tag(received, TelemetryTags.Source).ShouldBe("twilio");
        rating.ParentSpanId.ShouldBe(received.SpanId);
        rating.Kind.ShouldBe(ActivityKind.Consumer);
        rating.Links.Select(l => l.Context.SpanId).ShouldBe([received.SpanId]);
        var writing = await SpanAsync(s => s.SpanId == recorded.ParentSpanId); // rating's steps are spans of their own
        writing.OperationName.ShouldBe(TelemetryNames.Steps.WriteRows);
        writing.ParentSpanId.ShouldBe(rating.SpanId);
        Tag(recorded, TelemetryTags.Account).ShouldBe("otel-trace");
    }

    [Fact]
    public async Task CdrFile_ItsRatedCallsAreSpansOfTheFileReadsTrace()
    {
        var (account, period) = await SeedAsync("otel-cdr", "+17205550450");
        var d = period.Start.PlusDays(2).ToString("yyyy-MM-dd", null);
        var cdr = string.Join('\n',
            $"\"\",\"3035550051\",\"17205550450\",\"from-trunk\",\"\",\"SIP/a\",\"SIP/b\",\"Dial\",\"\",\"{d} 08:00:00\",\"{d} 08:00:03\",\"{d} 08:02:13\",133,130,\"ANSWERED\",\"BILLING\",\"otel.1\"",
            $"\"\",\"3035550052\",\"17205550450\",\"from-trunk\",\"\",\"SIP/c\",\"SIP/d\",\"Dial\",\"\",\"{d} 09:00:00\",\"{d} 09:00:01\",\"{d} 09:00:08\",8,7,\"ANSWERED\",\"BILLING\",\"otel.2\"");
        var drop = $"asterisk/UTC/otel-{Guid.NewGuid():N}.csv";
        var blobs = new Azure.Storage.Blobs.BlobServiceClient(AzuriteFixture.Options.ConnectionString);
        await blobs.GetBlobContainerClient(ServerlessBilling.Storage.StorageNames.CdrDropsContainer).GetBlobClient(drop).UploadAsync(BinaryData.FromString(cdr));

        await host.Host.Services.WaitForUsageAsync(account.Id, period, expected: 2);

        var recorded = await SpansAsync(s => s.OperationName == "record rated usage" && Tag(s, TelemetryTags.Account) == account.Id, count: 2, null);

        // A drop may be read more than once (blob triggers deliver at least once; a slow read is picked up again), each read in the
        // file's trace: the calls are recorded once, under a rating span that descends from one of the file's reads (through the
        // intake's and rating's steps, each a span of its own).
        List<Activity> rating = [], reads = [];
        foreach (var call in recorded)
        {
            rating.Add(await AncestorAsync(call, "rate usage"));
            reads.Add(await AncestorAsync(rating[^1], "read cdr file"));
        }

        reads.ShouldAllBe(r => Tag(r, TelemetryTags.File) == drop);
        recorded.ShouldAllBe(s => s.TraceId == reads[0].TraceId);
        rating.ShouldAllBe(r => r.TraceId == reads[0].TraceId);
    }

    [Fact]
    public async Task KnownIngestScenario_CountsEachOutcomeBySource()
    {
        var (account, period) = await SeedAsync("otel-metrics", "+17205550420");
        var day = period.Start.PlusDays(2);
        using var measured = new MeasuredMetrics(host.Host.Services.GetRequiredService<BillingMetrics>().Meter);

        // Two calls, one redelivered, and one delivery with a forged signature.
        (await PostTwilioAsync(Completed("CAotelm1", "+13035550021", "+17205550420", 61, day))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostTwilioAsync(Completed("CAotelm2", "+13035550022", "+17205550420", 30, day))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostTwilioAsync(Completed("CAotelm1", "+13035550021", "+17205550420", 61, day))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var forged = await host.Api.PostTwilioCallbackAsync(
            Completed("CAotelm3", "+13035550023", "+17205550420", 30, day), "not-the-token", host.PublicBaseUrl, CancellationToken.None);
        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // A call's lag is measured as its row is written and its outcome counted after its message is done: wait for both.
        await host.Host.Services.WaitForUsageAsync(account.Id, period, expected: 2,
            settled: () => Task.FromResult(Ingest("duplicate") >= 1 && Ingest("rated") >= 2 && measured.Count(TelemetryNames.RatingLag) >= 2));

        Ingest("received").ShouldBe(4);
        Ingest("accepted").ShouldBe(3);
        Ingest("rejected").ShouldBe(1);
        Ingest("queued").ShouldBe(3);
        Ingest("rated").ShouldBe(2);
        Ingest("duplicate").ShouldBe(1);
        Ingest("quarantined").ShouldBe(0);
        measured.Sum(TelemetryNames.SignatureFailures, ("source", "twilio")).ShouldBe(1);
        measured.Count(TelemetryNames.RatingLag, ("source", "twilio"), ("component", "telephony")).ShouldBe(2);

        double Ingest(string outcome) => measured.Sum(TelemetryNames.IngestEvents, ("source", "twilio"), ("outcome", outcome));
    }

    [Fact]
    public async Task Close_EmitsEachStepOnceInTheInvoiceTrace_AndCountsTheInvoice()
    {
        var (account, period) = await SeedAsync("otel-close", "+17205550430");
        using var measured = new MeasuredMetrics(host.Host.Services.GetRequiredService<BillingMetrics>().Meter);
        var cycle = new CycleRequest(account.Id, period.Key);

        await host.Api.StartCloseAsync(cycle, CancellationToken.None);
        var invoice = await host.Api.WaitForCloseAsync(cycle, TimeSpan.FromMinutes(1), CancellationToken.None);

        // The orchestrator replayed its history after each of its four activities; each step is still one span.
        var steps = await SpansAsync(
            s => s.TraceId == InvoiceTrace.TraceIdOf(invoice.InvoiceId) && Tag(s, TelemetryTags.Invoice) == invoice.InvoiceId,
            count: 4,
            [CycleActivities.DraftStep, CycleActivities.NumberStep, CycleActivities.FinalizeStep, CycleActivities.CollectionStep]);
        steps.Select(s => s.OperationName).Order().ShouldBe(
            new[] { CycleActivities.NumberStep, CycleActivities.DraftStep, CycleActivities.FinalizeStep, CycleActivities.CollectionStep }.Order());
        steps.Single(s => s.OperationName == CycleActivities.FinalizeStep).StartTimeUtc
            .ShouldBeGreaterThan(steps.Single(s => s.OperationName == CycleActivities.DraftStep).StartTimeUtc);

        invoice.Total.ShouldBe(11.00m); // platform fee 10 + one number at 1
        measured.Sum(TelemetryNames.Closes, ("outcome", "started")).ShouldBe(1);
        measured.Sum(TelemetryNames.Closes, ("outcome", "completed")).ShouldBe(1);
        measured.Sum(TelemetryNames.Closes, ("outcome", "failed")).ShouldBe(0);
        measured.Count(TelemetryNames.CloseDuration).ShouldBe(1);
        measured.Sum(TelemetryNames.Invoices, ("currency", "USD")).ShouldBe(1);
        measured.Sum(TelemetryNames.AmountBilled, ("currency", "USD")).ShouldBe(11.00);
    }

    [Fact]
    public async Task Close_WhoseStepKeepsThrowing_CountsEveryAttemptButOneFailedClose()
    {
        using var measured = new MeasuredMetrics(host.Host.Services.GetRequiredService<BillingMetrics>().Meter);
        var cycle = new CycleRequest("otel-no-such-account", "2025-06-01");
        var client = host.Host.Services.GetRequiredService<DurableTaskClient>();

        // The draft throws for an account that does not exist: five attempts, then the close fails.
        var instanceId = $"{cycle.InstanceId}:{Guid.NewGuid():N}";
        await client.ScheduleNewOrchestrationInstanceAsync(CloseCycleOrchestration.Name, cycle, new StartOrchestrationOptions(instanceId));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var instance = await client.WaitForInstanceCompletionAsync(instanceId, timeout.Token);

        instance.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        measured.Sum(TelemetryNames.Closes, ("outcome", "step_failed")).ShouldBe(5);
        measured.Sum(TelemetryNames.Closes, ("outcome", "failed")).ShouldBe(1);
        measured.Count(TelemetryNames.CloseDuration).ShouldBe(0);
    }

    [Fact]
    public async Task EndToEnd_LogRecords_HoldNoSecretAndNoWholeNumber()
    {
        var (account, period) = await SeedAsync("otel-logs", "+17205550440");
        (await PostTwilioAsync(Completed("CAotell1", "+13035550041", "+17205550440", 61, period.Start.PlusDays(2)))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A call to a number no account holds is quarantined with a reason naming the number: its log record masks it.
        (await PostTwilioAsync(Completed("CAotell2", "+13035550042", "+17205550449", 61, period.Start.PlusDays(2)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await host.Host.Services.WaitForUsageAsync(account.Id, period, expected: 1);
        await host.Host.Services.WaitForQuarantineAsync("twilio", "CAotell2", 1);
        var cycle = new CycleRequest(account.Id, period.Key);
        await host.Api.StartCloseAsync(cycle, CancellationToken.None);
        await host.Api.WaitForCloseAsync(cycle, TimeSpan.FromMinutes(1), CancellationToken.None);

        // The quarantine's log line follows its row, which the wait above saw.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!host.Logs.Records.Any(r => r.Contains("Quarantined twilio record", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var records = host.Logs.Records;
        records.ShouldContain(r => r.Contains("twilio", StringComparison.Ordinal) && r.Contains("Webhook", StringComparison.Ordinal));
        records.ShouldContain(r => r.Contains("finalized", StringComparison.Ordinal) && r.Contains("otel-logs", StringComparison.Ordinal));
        records.ShouldContain(r => r.Contains("Quarantined twilio record", StringComparison.Ordinal) && r.Contains("+1******0449", StringComparison.Ordinal));
        // Every keyed management call is one record naming the operation, the account and the caller, never its key.
        records.ShouldContain(r => r.Contains("StartCycleClose for account otel-logs called with the bootstrap key (admin)", StringComparison.Ordinal));
        string[] secrets = [host.TwilioToken, host.ApiKey, host.RetellKey, host.ElevenLabsSecret, host.VapiSecret, host.EventsSecret];
        foreach (var secret in secrets)
        {
            records.ShouldNotContain(r => r.Contains(secret, StringComparison.Ordinal));
        }

        foreach (var number in new[] { "+17205550440", "7205550440", "3035550041", "7205550449", "3035550042" })
        {
            records.ShouldNotContain(r => r.Contains(number, StringComparison.Ordinal), number);
        }
    }

    [Fact]
    public async Task Health_AnonymousGivesOnlyTheStatus_DetailsNeedTheKey()
    {
        using var status = await host.Http.GetAsync("api/health");
        using var anonymous = await host.Http.GetAsync("api/health/details");
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/health/details");
        request.Headers.Add("x-functions-key", host.ApiKey);
        using var details = await host.Http.SendAsync(request);

        status.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var brief = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
        brief.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["status"]);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        host.Logs.Records.ShouldContain(r => r.Contains("GetHealthDetails for account - refused to no key: no key was sent", StringComparison.Ordinal));
        details.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var report = JsonDocument.Parse(await details.Content.ReadAsStringAsync());
        report.RootElement.GetProperty("storageReachable").GetBoolean().ShouldBeTrue();
        report.RootElement.GetProperty("taskHubReachable").GetBoolean().ShouldBeTrue();
        report.RootElement.GetProperty("poisonDepth").ValueKind.ShouldBe(JsonValueKind.Number);
        report.RootElement.GetProperty("ratingQueueDepth").ValueKind.ShouldBe(JsonValueKind.Number);
        report.RootElement.GetProperty("gatewaysConfigured").GetArrayLength().ShouldBe(0);
        report.RootElement.GetProperty("failingWebhookEndpoints").ValueKind.ShouldBe(JsonValueKind.Array);
        report.RootElement.GetProperty("disabledWebhookEndpoints").ValueKind.ShouldBe(JsonValueKind.Array);
        report.RootElement.GetProperty("status").GetString().ShouldBe(brief.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task HealthVerb_PrintsEachCheck_AndSucceedsUnlessUnhealthy()
    {
        using var output = new StringWriter();

        var exitCode = await HealthCommand.RunAsync(host.Api, output, CancellationToken.None);

        exitCode.ShouldBe(0);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldContain("Storage:           reachable");
        lines.ShouldContain("Task hub:          reachable");
        lines.ShouldContain("Gateways:          none configured");
        lines.ShouldContain(line => line.StartsWith("Poison queue:", StringComparison.Ordinal));
        lines.ShouldContain(line => line.StartsWith("Webhooks out:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StatusLine_NamesTodaysIngestTheQueueAndClosesInFlight()
    {
        var line = await host.Host.Services.GetRequiredService<StatusLine>().ReadAsync(CancellationToken.None);

        line.ShouldMatch(@"^\d\d:\d\d:\d\d ingested \d+, rated \d+, oldest unrated (none|\d+s), queued \d+ \(poison \d+\), quarantined \d+, closes in flight \d+; (healthy|degraded)$");
    }

    private static string? Tag(Activity span, string key) => span.GetTagItem(key)?.ToString();

    /// <summary>Waits (10 s at most) for a span: the exporter receives it when it ends, just after the work a test waits for.</summary>
    private async Task<Activity> SpanAsync(Func<Activity, bool> match) => (await SpansAsync(match, 1, null)).Single();

    /// <summary>The nearest ancestor of <paramref name="span"/> named <paramref name="name"/>, waiting for each parent in turn: a span
    /// is seen when it ends, and a parent ends after its children.</summary>
    private async Task<Activity> AncestorAsync(Activity span, string name)
    {
        var parent = span;
        do
        {
            var parentId = parent.ParentSpanId;
            parent = await SpanAsync(s => s.SpanId == parentId);
        }
        while (parent.OperationName != name);

        return parent;
    }

    private async Task<IReadOnlyList<Activity>> SpansAsync(Func<Activity, bool> match, int count, string[]? names)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var found = host.Spans.Snapshot().Where(s => match(s) && (names is null || names.Contains(s.OperationName))).ToList();
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                found.Count.ShouldBe(count);
                return found;
            }

            await Task.Delay(100);
        }
    }

    private async Task<(Account Account, BillingPeriod Period)> SeedAsync(string accountId, string number)
    {
        var account = new Account(accountId, "Traced Clinic", Plan.Id, new BillingProfile("UTC", 1, "USD"));
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        await host.Api.AssignNumberAsync(new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2025, 1, 1)), CancellationToken.None);
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var current = BillingPeriod.Containing(today, 1);
        return (account, BillingPeriod.Containing(current.Start.PlusDays(-1), 1));
    }

    private static List<KeyValuePair<string, string>> Completed(string sid, string from, string to, int seconds, LocalDate day) =>
    [
        new("CallSid", sid),
        new("CallStatus", "completed"),
        new("CallDuration", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Direction", "inbound"),
        new("From", from),
        new("To", to),
        new("Timestamp", day.At(new LocalTime(18, 0)).InUtc().ToDateTimeOffset().ToString("r", System.Globalization.CultureInfo.InvariantCulture)),
    ];

    private Task<HttpResponseMessage> PostTwilioAsync(IReadOnlyList<KeyValuePair<string, string>> form) =>
        host.Api.PostTwilioCallbackAsync(form, host.TwilioToken, host.PublicBaseUrl, CancellationToken.None);
}
