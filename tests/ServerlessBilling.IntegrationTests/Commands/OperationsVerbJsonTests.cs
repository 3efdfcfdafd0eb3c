using System.Globalization;
using System.Text.Json;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>The operations verbs' <c>--json</c>, run as a script runs them: the built tool against a running host, standard output one
/// JSON document (what the API answers) and nothing else, progress on standard error.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OperationsVerbJsonTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private string[] Running => ["--url", host.Host.BaseAddress.ToString(), "--key", host.ApiKey];

    [Fact]
    public async Task CloseThenPaymentCreditNoteAndAging_Json_PrintEachAnswerAlone()
    {
        var plan = new PricePlan(CloseDriver.UniqueId("json-plan"), "Json", "USD",
            [new PlanVersion(new LocalDate(2025, 1, 1), 12m, 0m, [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute)], new PerCallRounding())]);
        var account = new Account(CloseDriver.UniqueId("json-acct"), "Json Co", plan.Id, new BillingProfile("UTC", 1, "USD"));
        await host.Api.PutPlanAsync(plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var period = BillingPeriod.Containing(BillingPeriod.Containing(today, 1).Start.PlusDays(-1), 1);
        var instance = new CycleRequest(account.Id, period.Key).InstanceId;

        var started = await RunAsync("close", account.Id, period.Key, "--json");
        var waited = await RunAsync("close", account.Id, period.Key, "--wait", "--json");

        (Text(started, "instanceId"), started.GetProperty("started").GetBoolean(), Text(started, "status"))
            .ShouldBe((instance, true, $"/api/cycles/{account.Id}/{period.Key}"));
        (Text(waited, "instanceId"), Text(waited, "runtimeStatus"), Text(waited, "customStatus")).ShouldBe((instance, "Completed", "finalized"));
        var invoice = waited.GetProperty("invoice");
        (Text(invoice, "accountId"), invoice.GetProperty("total").GetDecimal(), Text(invoice, "currency")).ShouldBe((account.Id, 12m, "USD"));
        var invoiceId = Text(invoice, "invoiceId");

        string[] payment = ["payment", account.Id, invoiceId, "--amount", "2.00", "--method", "cheque", "--reference", "cheque 1001", "--json"];
        await RunAsync(payment);
        var paid = await RunAsync(payment); // the same command again records nothing more (the key it derives is the same)
        var issued = await RunAsync("credit-note", "issue", account.Id, invoiceId, "--reason", "Goodwill credit", "--amount", "1.00", "--json");
        var notes = await RunAsync("credit-note", "list", account.Id, invoiceId, "--json");

        (paid.GetProperty("total").GetDecimal(), paid.GetProperty("paid").GetDecimal(), paid.GetProperty("balanceDue").GetDecimal()).ShouldBe((12m, 2m, 10m));
        paid.GetProperty("entries").EnumerateArray().ShouldHaveSingleItem().GetProperty("amount").GetDecimal().ShouldBe(2m);
        var note = issued.GetProperty("creditNote");
        (Text(note, "accountId"), Text(note, "invoiceId"), Text(note, "invoiceNumber"), Text(note, "reason"), issued.GetProperty("total").GetDecimal())
            .ShouldBe((account.Id, invoiceId, Text(invoice, "number"), "Goodwill credit", 1m));
        Text(issued, "pdfDocument").ShouldEndWith(".pdf");
        var listed = notes.EnumerateArray().ShouldHaveSingleItem();
        (Text(listed, "number"), Text(listed, "reason")).ShouldBe((Text(note, "number"), "Goodwill credit"));

        var aging = await RunAsync("ar-aging", "--as-of", today.PlusDays(400).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--json");
        var mine = aging.GetProperty("rows").EnumerateArray().Single(r => Text(r, "accountId") == account.Id);
        Text(mine, "currency").ShouldBe("USD");
        aging.GetProperty("buckets").GetArrayLength().ShouldBe(mine.GetProperty("amounts").GetArrayLength());
        mine.GetProperty("amounts").EnumerateArray().Sum(a => a.GetDecimal()).ShouldBe(9m); // 12 less the 2.00 cheque and the 1.00 credit note
    }

    [Fact]
    public async Task Backfills_Json_PrintTheSummedSummaryOfAnAccountWithNoRows()
    {
        var account = CloseDriver.UniqueId("json-none");

        var identities = await RunAsync("identity-backfill", "--account", account, "--json");
        var sources = await RunAsync("source-index-backfill", "--account", account, "--json");

        identities.GetRawText().ShouldBe("""{"scanned":0,"written":0,"alreadyPresent":0,"conflicting":0,"conflicts":[]}""");
        sources.GetRawText().ShouldBe("""{"scanned":0,"indexed":0,"alreadyIndexed":0}""");
    }

    [Fact]
    public async Task QuarantineReplayOfAnUnknownReference_Json_IsTheReplaysAnswer_AndListIsOneArray()
    {
        var reference = $"events-json-{Guid.NewGuid():N}";

        var replay = await RunAsync("quarantine", "replay", "events", "--reference", reference, "--json");
        var list = await RunAsync("quarantine", "list", "events", "--json");

        replay.GetRawText().ShouldBe("""{"billed":0,"stillQuarantined":0,"notEvents":0,"conflicts":0}""");
        list.ValueKind.ShouldBe(JsonValueKind.Array);
        list.EnumerateArray().ShouldAllBe(r => r.GetProperty("reference").GetString()!.Length > 0 && r.GetProperty("problem").GetProperty("field").ValueKind == JsonValueKind.String);
        list.EnumerateArray().ShouldNotContain(r => r.GetProperty("reference").GetString() == reference);
    }

    [Fact]
    public async Task TaxReport_Json_IsTheReportAsTheRouteAnswersIt()
    {
        var verb = await RunAsync("tax-report", "usf-recovery", "2010", "--json");

        var route = JsonDocument.Parse(await host.Api.GetTaxReportAsync("usf-recovery", 2010, "json", null, CancellationToken.None)).RootElement;
        verb.GetRawText().ShouldBe(route.GetRawText());
        verb.ValueKind.ShouldBe(JsonValueKind.Object);
    }

    /// <summary>Runs the verb with the running host's address and key; it must exit 0 and print one JSON document.</summary>
    private async Task<JsonElement> RunAsync(params string[] args)
    {
        var run = await LocalHostProcess.RunAsync([.. args, .. Running]);
        run.ExitCode.ShouldBe(0, $"{string.Join(' ', args)}: {run.Errors}");
        using var document = JsonDocument.Parse(run.Output);
        return document.RootElement.Clone();
    }

    private static string Text(JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
