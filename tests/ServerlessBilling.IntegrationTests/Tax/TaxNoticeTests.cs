using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Events;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.IntegrationTests.Telemetry;
using ServerlessBilling.Tax;
using static ServerlessBilling.IntegrationTests.Tax.TaxNoticeScenarios;

namespace ServerlessBilling.IntegrationTests.Tax;

/// <summary>Every notice the tax engine returns reaches the close status, the invoice JSON (and PDF) and <c>invoice.finalized</c>;
/// with <c>Tax:MissingRate</c> = <c>Warn</c> a missing rate finalizes the invoice and says so on it. The finalize step logs each
/// one, naming invoice, rule, table, date and location: a missing rate as a warning, the others as information.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TaxNoticeTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private const string Category = "ServerlessBilling.Functions.Cycles.CycleActivities";
    private readonly HostLogs logs = new();

    [Fact]
    public async Task Close_WarnPolicy_MissingRateAndDeMinimis_FinalizedWithTheNoticesInStatusJsonPdfAndEvent()
    {
        var settings = new Dictionary<string, string?> { ["Tax:MissingRate"] = "Warn", ["Tax:DeMinimis"] = "true" };
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), "warn-" + Guid.NewGuid().ToString("N")[..8], logs.Add, settings);
        var scenarios = new TaxNoticeScenarios(azurite, host);
        try
        {
            await scenarios.PutTableOkAsync(scenarios.Document(
                ("W", PlatformTax(versions: Version("2020-01-01", "2021-01-01", "\"rate\": 0.01"))),
                ("M", PlatformTax("FederalUsfRecovery", versions: Version("2020-01-01", null, "\"rate\": 0.30")))));
            var missing = await scenarios.StartCloseAsync("W");
            var deMinimis = await scenarios.StartCloseAsync("M");

            var missingNotice = await ShouldReachEverywhereAsync(host, scenarios, missing, "W", TaxNoticeReason.NoRateForDate);
            await ShouldReachEverywhereAsync(host, scenarios, deMinimis, "M", TaxNoticeReason.DeMinimis);

            var invoice = await host.Api.WaitForCloseAsync(missing, Timeout, CancellationToken.None);
            invoice.Total.ShouldBe(12.00m); // the platform fee, without the tax that has no rate
            var rows = await new ClosedInvoiceDocuments(azurite.Blobs).ReadPdfRowsAsync(invoice.PdfDocument!);
            rows.ShouldContain("Tax notes");
            rows.ShouldContain(row => row.StartsWith($"{scenarios.Rule("W")}: not billed, no rate on {missingNotice.Date}", StringComparison.Ordinal));
            (await scenarios.EventsAsync(missing.AccountId)).ShouldNotContain(e => e.Type == DomainEvent.CycleAwaitingTaxData);
        }
        finally
        {
            await scenarios.DeleteTableAsync();
        }
    }

    [Fact]
    public async Task Close_ExemptResaleLinesCappedUsfCappedLineCountAssumed_EachNoticeReachesStatusJsonAndEvent()
    {
        // A provider that contributes directly, so the USF scenario bills (and caps) a USF line.
        var contributor = new Dictionary<string, string?> { ["Tax:DeMinimis"] = "false" };
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), "kinds-" + Guid.NewGuid().ToString("N")[..8], logs.Add, contributor);
        var scenarios = new TaxNoticeScenarios(azurite, host);
        var today = InvoiceDate;
        try
        {
            await scenarios.PutTableOkAsync(scenarios.Document(
                ("E", PlatformTax(versions: Version("2020-01-01", null, "\"rate\": 0.01"))),
                ("R", PlatformTax(extra: "\"resaleExempt\": true,", versions: Version("2020-01-01", null, "\"rate\": 0.01"))),
                ("L", """
                      "kind": "Emergency911", "label": "Q 911", "basis": "PerLine", "lineUnit": "Channel", "order": 40,
                      "versions": [ { "from": "2020-01-01", "unitAmount": 0.50, "maxLinesPerAccount": 1, "status": "Verified", "source": "test", "asOf": "2026-01-01" } ]
                      """),
                ("U", PlatformTax("FederalUsfRecovery", versions: Version("2020-01-01", null, "\"rate\": 0.30"))),
                ("A", """
                      "kind": "Emergency911", "label": "Q 911", "basis": "PerLine", "lineUnit": "Channel", "order": 40,
                      "versions": [ { "from": "2020-01-01", "unitAmount": 0.50, "status": "Verified", "source": "test", "asOf": "2026-01-01" } ]
                      """)));
            var exempt = await scenarios.StartCloseAsync("E", new AccountTaxProfile(
                Exemptions: [new TaxExemption(null, scenarios.Jurisdiction("E"), today.PlusYears(-1), null, "exemption-certs/q.pdf")]));
            var resale = await scenarios.StartCloseAsync("R", new AccountTaxProfile(
                ResellerCertificates: [new ResellerCertificate("899999", today.PlusYears(-1), today.PlusYears(1))]));
            var capped = await scenarios.StartCloseAsync("L", new AccountTaxProfile(ConcurrentChannels: 3));
            var usfCapped = await scenarios.StartCloseAsync("U");
            var assumed = await scenarios.StartCloseAsync("A", tax: null, numbers: 2);

            await ShouldReachEverywhereAsync(host, scenarios, exempt, "E", TaxNoticeReason.Exempt);
            await ShouldReachEverywhereAsync(host, scenarios, resale, "R", TaxNoticeReason.Resale);
            await ShouldReachEverywhereAsync(host, scenarios, capped, "L", TaxNoticeReason.LinesCapped);
            await ShouldReachEverywhereAsync(host, scenarios, usfCapped, "U", TaxNoticeReason.UsfCapped);
            (await host.Api.WaitForCloseAsync(capped, Timeout, CancellationToken.None)).Total.ShouldBe(12.50m); // one channel of three charged
            var assumedNotice = await ShouldReachEverywhereAsync(host, scenarios, assumed, "A", TaxNoticeReason.LineCountAssumed);
            assumedNotice.Detail.ShouldStartWith("Channel count unknown at Qville");
            (await host.Api.WaitForCloseAsync(assumed, Timeout, CancellationToken.None)).Total.ShouldBe(13.00m); // channels unknown: 2 numbers × 0.50
        }
        finally
        {
            await scenarios.DeleteTableAsync();
        }
    }

    [Fact]
    public async Task Close_NoOverride_ComputedDeMinimisDropsTheUsfLineAndTheWorksheetShowsWhy()
    {
        // 47 CFR 54.708: a projected 20,000 × 0.256 = 5,120 < 10,000, so the provider is de minimis without Tax:DeMinimis.
        var settings = new Dictionary<string, string?> { ["Tax:ProjectedInterstateRevenue"] = "20000", ["Tax:DeMinimisFactor"] = "0.256" };
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), "demin-" + Guid.NewGuid().ToString("N")[..8], logs.Add, settings);
        var scenarios = new TaxNoticeScenarios(azurite, host);
        try
        {
            await scenarios.PutTableOkAsync(scenarios.Document(("M", PlatformTax("FederalUsfRecovery", versions: Version("2020-01-01", null, "\"rate\": 0.30")))));
            var cycle = await scenarios.StartCloseAsync("M");

            await ShouldReachEverywhereAsync(host, scenarios, cycle, "M", TaxNoticeReason.DeMinimis);
            (await host.Api.WaitForCloseAsync(cycle, Timeout, CancellationToken.None)).Total.ShouldBe(12.00m);

            var json = await host.Api.GetTaxReportAsync("form-499a", InvoiceDate.Year, "json", null, CancellationToken.None);
            var assessment = System.Text.Json.JsonSerializer.Deserialize<Form499Worksheet>(json, BillingJson.Options)!.DeMinimis.ShouldNotBeNull();
            (assessment.ProjectedRevenue, assessment.Factor, assessment.FactorSource, assessment.Override).ShouldBe((20_000m, 0.256m, "setting Tax:DeMinimisFactor", (bool?)null));
            assessment.ComputedDeMinimis.ShouldBe(true);
            json.ShouldContain("\"filing\":\"De minimis for USF: no direct contribution and no Form 499-Q, but Form 499-A is still filed");
        }
        finally
        {
            await scenarios.DeleteTableAsync();
        }
    }

    [Fact]
    public async Task Close_AddressInAStateNoTableCovers_FinalizedWithTheWarningInStatusJsonPdfEventAndLog()
    {
        // Hold is the default policy: a state without a table must still finalize, only saying that federal rules alone applied.
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), "uncov-" + Guid.NewGuid().ToString("N")[..8], logs.Add);
        var scenarios = new TaxNoticeScenarios(azurite, host);
        var cycle = await scenarios.StartCloseAsync("N"); // no table has a jurisdiction for region QN-<id>
        var state = scenarios.Region("N").ToUpperInvariant();

        var notice = await ShouldReachEverywhereAsync(host, scenarios, cycle, "N", TaxNoticeReason.JurisdictionNotCovered, ruleKey: "US-" + state, table: null);

        notice.Detail.ShouldBe($"no tax table covers Qville, {state}: only the federal rules were applied; store a table for the state if taxes are owed there");
        var invoice = await host.Api.WaitForCloseAsync(cycle, Timeout, CancellationToken.None);
        invoice.Total.ShouldBe(12.00m);
        var rows = await new ClosedInvoiceDocuments(azurite.Blobs).ReadPdfRowsAsync(invoice.PdfDocument!);
        rows.ShouldContain("Tax notes");
        rows.ShouldContain(row => row.StartsWith($"US-{state}: no tax table covers Qville, {state}: only the federal rules were applied", StringComparison.Ordinal));
        (await scenarios.EventsAsync(cycle.AccountId)).ShouldNotContain(e => e.Type == DomainEvent.CycleAwaitingTaxData);
    }

    /// <summary>The close completes and its notice of <paramref name="reason"/>, naming rule, table and date, is in the status, the stored JSON and the event.</summary>
    /// <param name="ruleKey">The notice's key when it is not the rule of <paramref name="kind"/> (a jurisdiction no table covers).</param>
    /// <param name="table">The table the notice names; the scenario's own by default.</param>
    private async Task<TaxNotice> ShouldReachEverywhereAsync(
        OwnBillingHost host, TaxNoticeScenarios scenarios, CycleRequest cycle, string kind, TaxNoticeReason reason, string? ruleKey = null, string? table = "")
    {
        var invoice = await host.Api.WaitForCloseAsync(cycle, Timeout, CancellationToken.None);
        var status = await host.Api.GetCloseAsync(cycle, CancellationToken.None);
        var stored = await new ClosedInvoiceDocuments(azurite.Blobs).ReadInvoiceAsync(invoice.JsonDocument!);
        var finalized = (await scenarios.EventsAsync(cycle.AccountId)).Single(e => e.Type == DomainEvent.InvoiceFinalized);

        var notice = stored.TaxNotices.ShouldHaveSingleItem();
        (notice.RuleKey, notice.Reason, notice.Table, notice.Date).ShouldBe((ruleKey ?? scenarios.Rule(kind), reason, table == "" ? scenarios.Table : table, InvoiceDate.ToString("yyyy-MM-dd", null)));
        status.TaxNotices.ShouldNotBeNull().ShouldBe([notice]);
        invoice.TaxNotices.ShouldBe([notice]);
        NoticesOf(finalized).ShouldBe([notice]);
        logs.Records.Where(r => r.Contains($"Invoice {invoice.InvoiceId} ({invoice.Number}) ", StringComparison.Ordinal) && !r.Contains(" finalized: ", StringComparison.Ordinal))
            .Select(r => r[..r.IndexOf(" | ", StringComparison.Ordinal)]).ShouldBe([Logged(invoice, notice)]);
        return notice;
    }

    /// <summary>The line the finalize step writes for <paramref name="notice"/>.</summary>
    private static string Logged(InvoiceSummary invoice, TaxNotice notice) => notice.Reason switch
    {
        TaxNoticeReason.NoRateForDate =>
            $"Warning {Category}: Invoice {invoice.InvoiceId} ({invoice.Number}) goes without rule {notice.RuleKey}: tax table {notice.Table} has no rate on {notice.Date} for the account: {notice.Detail}",
        TaxNoticeReason.JurisdictionNotCovered =>
            $"Warning {Category}: Invoice {invoice.InvoiceId} ({invoice.Number}) is taxed by the federal rules only in {notice.RuleKey} on {notice.Date} for the account: {notice.Detail}",
        _ => $"Information {Category}: Invoice {invoice.InvoiceId} ({invoice.Number}) tax notice {notice.Reason} on rule {notice.RuleKey} of tax table {notice.Table} on {notice.Date} for the account: {notice.Detail}",
    };

    /// <summary>Every record a test's host writes (<see cref="CapturedLogs"/>), added to the host's logging.</summary>
    private sealed class HostLogs
    {
        private readonly CapturedLogs captured = new();

        public IReadOnlyList<string> Records => captured.Records;

        public void Add(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(captured);
    }
}
