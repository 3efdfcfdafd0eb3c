using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Events;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Upstream;

/// <summary>The shipped Twilio samples reconciled on Azurite by the durable orchestration, through the local host's routes: the cost plan
/// imported from the price list, the calls rated with their expected cost, then October (clean) and November (leakage, a changed
/// increment, a failed call billed) reconciled against them.</summary>
[Collection(AzuriteCollection.Name)]
public partial class ReconciliationTests(AzuriteFixture azurite, LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private const string Number = "+14155230101";

    private static readonly PricePlan SellPlan = new("recon-sell", "Reconciled", "USD",
    [
        new PlanVersion(new LocalDate(2026, 1, 1), PlatformFee: 0m, NumberFee: 0m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.02m, BillingIncrement.PerMinute),
            new UsageRate(UsageComponent.Telephony, CallDirection.Outbound, 0.05m, BillingIncrement.PerMinute, Prefix: "44"),
            new UsageRate(UsageComponent.AiVoice, null, 0.15m, BillingIncrement.PerSecond),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    [Fact]
    public async Task CleanMonth_EveryCallBilledAndChargedAsExpected_ReconcilesToZero()
    {
        await SeedAsync();

        var view = await ReconcileAsync("twilio-call-records-2026-10.csv", "2026-10");

        var s = view.Summary;
        (s.Status, s.Currency, s.Rows, s.VendorTotal, s.ExpectedTotal, s.BilledTotal, s.GrossMargin, s.MarginPercent).ShouldBe(
            ("completed", "USD", 4L, 0.098m, 0.098m, 0.28m, 0.182m, 65.00m));
        (s.Leakage, s.BilledNotCharged, s.CostDifferences).ShouldBe((new FindingTotal(0, 0m), new FindingTotal(0, 0m), new FindingTotal(0, 0m)));
        view.Findings.ShouldBeEmpty();
        (await EventAsync($"reconciliation.completed:{Run(s)}")).ShouldNotBeNull();
    }

    [Fact]
    public async Task LeakyMonth_UnattributedQuarantinedAndMissingCallsTotalled_ChangedIncrementNamed_DriftAnnounced()
    {
        await SeedAsync();
        await ReconcileAsync("twilio-call-records-2026-10.csv", "2026-10");

        var view = await ReconcileAsync("twilio-call-records-2026-11.csv", "2026-11");

        var s = view.Summary;
        (s.Rows, s.VendorTotal, s.ExpectedTotal, s.BilledTotal, s.GrossMargin, s.MarginPercent, s.PreviousMarginPercent, s.DriftPoints, s.DriftDetected)
            .ShouldBe((6L, 0.16035m, 0.051m, 0.12m, -0.04035m, -33.63m, 65.00m, -98.63m, true));
        (s.Leakage, s.BilledNotCharged, s.CostDifferences).ShouldBe((new FindingTotal(3, 0.1255m), new FindingTotal(1, 0.02m), new FindingTotal(1, -0.00765m)));
        view.Findings.OrderBy(f => f.VendorCallId, StringComparer.Ordinal).Select(f => (f.VendorCallId[^2..], f.Kind, f.Reason, f.Amount)).ShouldBe(
        [
            ("12", FindingKind.CostDifference, FindingReason.Increment, -0.00765m),
            ("13", FindingKind.Leakage, FindingReason.Unattributed, 0.017m),
            ("14", FindingKind.Leakage, FindingReason.Quarantined, 0.1m),
            ("15", FindingKind.Leakage, FindingReason.Missing, 0.0085m),
            ("16", FindingKind.BilledNotCharged, FindingReason.NotCharged, 0.02m),
        ]);
        view.Findings.Single(f => f.Reason == FindingReason.Increment).Detail
            .ShouldBe("the vendor billed 66 s of a 61 s call where the cost plan's increment gives 120 s (Telephony Inbound Local)");
        var drift = (await EventAsync($"margin.drift_detected:{Run(s)}")).ShouldNotBeNull();
        drift.Data.GetProperty("driftPoints").GetDecimal().ShouldBe(-98.63m);

        var csv = await host.Api.GetReconciliationCsvAsync("twilio", "2026-11", CancellationToken.None);
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2 + 5);
        csv.ShouldContain("CA00000000000000000000000000000014,Leakage,Quarantined,0.1000,0.1000,,,,");

        var xlsx = await host.Api.GetReconciliationXlsxAsync("twilio", "2026-11", CancellationToken.None);
        var sheets = Spreadsheet.Read(xlsx);
        sheets["Findings"].Count.ShouldBe(1 + 5);
        sheets["Findings"].Single(r => r[0] == "CA00000000000000000000000000000013").Take(4).ShouldBe(["CA00000000000000000000000000000013", "Leakage", "Unattributed", "0.0170"]);
        sheets["Summary"].Single(r => r[0] == "vendorTotal")[1].ShouldBe("0.16035");
    }

    [Fact]
    public async Task RatedCall_CarriesItsExpectedCostBesideThePrice_AndMarginSaysItsBasis()
    {
        await SeedAsync();
        var ledger = host.Host.Services.GetRequiredService<IEventIdentities>();

        var claim = (await ledger.FindAsync(new EventIdentity("twilio-CA00000000000000000000000000000001", UsageComponent.Telephony), CancellationToken.None)).ShouldNotBeNull();

        claim.Billed.Charge.Amount.ShouldBe(new Money(0.06m, "USD"));
        claim.Billed.Charge.ExpectedCost.ShouldNotBeNull().Amount.ShouldBe(new Money(0.0255m, "USD"));
        (claim.Billed.CostBasis, claim.Billed.Margin).ShouldBe((CostBasis.Expected, new Money(0.0345m, "USD")));
    }

    [Fact]
    public async Task ReconcileVerb_RetellCallListOfAMonthBilledAsExpected_PrintsAZeroDifferenceSummary()
    {
        await RateRetellNovemberAsync();
        using var output = new StringWriter();

        var exitCode = await ServerlessBilling.LocalHost.Commands.ReconcileCommand.RunAsync(host.Api, ["retell", "2026-11", Sample("retell-calls-2026-11.csv")], output, CancellationToken.None);

        exitCode.ShouldBe(0, output.ToString());
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldMatch(@"^retell 2026-11 \(completed, run \d{8}T\d{9}\): 3 rows$");
        lines[1].ShouldBe("  vendor 0.15326667 USD, expected 0.153267, billed 0.3025, gross margin 0.14923333 (49.33%)");
        lines[3].ShouldBe("  leakage 0 calls 0, billed not charged 0 calls 0, cost differences 0 (0)");
        lines.Length.ShouldBe(4);
    }

    [Fact]
    public async Task RetellRow_CoversTheAiEngineAndRetellsTelephony_AndABilledCallAbsentFromTheStatementIsReportedPerComponent()
    {
        await SeedAsync();
        await using (var prices = File.OpenRead(Sample("retell-pricing.csv")))
        {
            await host.Api.ImportPriceListAsync("retell", "voice-agent", "effectiveFrom=2026-10-01&currency=USD&preset=retell", prices, CancellationToken.None);
        }

        UsageEvent[] calls =
        [
            Retell("71", Instant.FromUtc(2026, 10, 3, 14, 0), 60) with { OtherComponents = [new ComponentUsage(UsageComponent.Telephony, 60)] },
            Retell("72", Instant.FromUtc(2026, 10, 4, 14, 0), 30) with { OtherComponents = [new ComponentUsage(UsageComponent.Telephony, 30)] },
        ];
        await host.Host.Services.GetRequiredService<UsageRating>().RateAsync(calls, CancellationToken.None);
        const string statement = """
            call_id,call_status,start_timestamp,duration_ms,call_cost.total_duration_seconds,call_cost.combined_cost
            call_5f1e0c1d9a2b4e6f8a0b1c2d3e4f5a71,ended,1791036000000,60000,60,9.1
            """;

        var view = await ReconcileAsync("retell", "2026-10", statement);

        var s = view.Summary;
        (s.Rows, s.VendorTotal, s.ExpectedTotal, s.BilledTotal).ShouldBe((1L, 0.091m, 0.091m, 0.17m));
        (s.Leakage, s.BilledNotCharged, s.CostDifferences).ShouldBe((new FindingTotal(0, 0m), new FindingTotal(2, 0.095m), new FindingTotal(0, 0m)));
        view.Findings.OrderBy(f => f.VendorCallId, StringComparer.Ordinal).Select(f => (f.VendorCallId, f.Reason, f.Amount, f.ExpectedCost)).ShouldBe(
        [
            ("call_5f1e0c1d9a2b4e6f8a0b1c2d3e4f5a72", FindingReason.NotOnStatement, 0.075m, (decimal?)0.038m),
            ("call_5f1e0c1d9a2b4e6f8a0b1c2d3e4f5a72/telephony", FindingReason.NotOnStatement, 0.02m, (decimal?)0.0075m),
        ]);
        view.Findings.Single(f => f.VendorCallId.EndsWith("/telephony", StringComparison.Ordinal)).Detail
            .ShouldBe("billed Telephony of a call at 2026-10-04T14:00:00Z in period 2026-10-01, absent from the retell statement of 2026-10");
    }

    /// <summary>The reseller's plan, account and number, the Twilio cost plan from the shipped price list, and the calls of both months
    /// the samples list, rated as their status callbacks would be (all but the one Twilio charged that never reached us).</summary>
    private async Task SeedAsync()
    {
        await host.Api.PutPlanAsync(SellPlan, CancellationToken.None);
        await host.Api.PutAccountAsync(new Account("recon-acme", "Acme Reconciled", SellPlan.Id, new BillingProfile("UTC", 1, "USD")), CancellationToken.None);
        await host.Api.AssignNumberAsync(new NumberAssignment(Number, "recon-acme", NumberType.Local, new LocalDate(2026, 1, 1)), CancellationToken.None);
        await using (var prices = File.OpenRead(Sample("twilio-voice-pricing-us.csv")))
        {
            var plan = await host.Api.ImportPriceListAsync("twilio", "voice", "effectiveFrom=2026-10-01&currency=USD&preset=twilio-voice", prices, CancellationToken.None);
            plan.Plan.Versions.ShouldHaveSingleItem().UsageRates.Count.ShouldBe(14);
        }

        UsageEvent[] calls =
        [
            Call("01", 2026, 10, 5, 125, CallDirection.Inbound, "+13035550900", Number),
            Call("02", 2026, 10, 12, 30, CallDirection.Inbound, "+13035550900", Number),
            Call("03", 2026, 10, 20, 200, CallDirection.Outbound, Number, "+442079460123"),
            Call("04", 2026, 10, 28, 0, CallDirection.Inbound, "+13035550900", Number) with { Answered = false },
            Call("11", 2026, 11, 3, 125, CallDirection.Inbound, "+13035550900", Number),
            Call("12", 2026, 11, 4, 61, CallDirection.Inbound, "+13035550900", Number),
            Call("13", 2026, 11, 6, 90, CallDirection.Inbound, "+13035550900", "+14155230199"),
            Call("14", 2026, 11, 9, 120, CallDirection.Outbound, Number, "+861012345678"),
            Call("16", 2026, 11, 21, 30, CallDirection.Inbound, "+13035550900", Number),
        ];
        await host.Host.Services.GetRequiredService<UsageRating>().RateAsync(calls, CancellationToken.None);
    }

    /// <remarks>Scoped to the statement's accounts: other tests bill Twilio calls of these months to accounts of their own on the shared
    /// Azurite, which a statement of this test's account does not speak for.</remarks>
    private async Task<BillingApiClient.ReconciliationView> ReconcileAsync(string sample, string month)
    {
        await using var file = File.OpenRead(Sample(sample));
        var imported = await host.Api.ImportStatementAsync("twilio", month, null, "statement", file, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await host.Api.WaitForReconciliationAsync("twilio", month, imported.RunId, TimeSpan.FromMilliseconds(200), timeout.Token);
    }

    private async Task<BillingApiClient.ReconciliationView> ReconcileAsync(string vendor, string month, string statement)
    {
        using var file = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(statement));
        var imported = await host.Api.ImportStatementAsync(vendor, month, null, null, file, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await host.Api.WaitForReconciliationAsync(vendor, month, imported.RunId, TimeSpan.FromMilliseconds(200), timeout.Token);
    }

    private async Task<DomainEvent?> EventAsync(string id)
    {
        var outbox = azurite.Tables.GetTableClient(StorageNames.OutboxTable);
        await foreach (var row in outbox.QueryAsync<TableEntity>(filter: $"RowKey eq {TableKeys.Literal(TableKeys.Escape(id))}"))
        {
            return JsonSerializer.Deserialize<DomainEvent>(row.GetString("Document"), BillingJson.Options);
        }

        return null;
    }

    private static string Run(ReconciliationSummary summary) => new StatementRun(summary.Vendor, summary.Month, summary.Format, summary.RunId).Id;

    private static string Sample(string name) => Path.Combine(RepositoryRoot.Find(), "samples", "upstream", name);

    private static UsageEvent Retell(string suffix, Instant start, int seconds)
    {
        var id = $"call_5f1e0c1d9a2b4e6f8a0b1c2d3e4f5a{suffix}";
        return new UsageEvent($"retell-{id}", "retell", id, start, seconds, CallDirection.Inbound, "+13035550900", Number, UsageComponent.AiVoice, true);
    }

    private static UsageEvent Call(string sid, int year, int month, int day, int seconds, CallDirection direction, string from, string to)
    {
        var id = $"CA{sid.PadLeft(32, '0')}";
        return new UsageEvent($"twilio-{id}", "twilio", id, Instant.FromUtc(year, month, day, 12, 0), seconds, direction, from, to, UsageComponent.Telephony, true);
    }

    /// <summary>Retell's price list as the expected cost, and three November calls (one unanswered) rated against it.</summary>
    private async Task RateRetellNovemberAsync()
    {
        await SeedAsync();
        await using (var prices = File.OpenRead(Sample("retell-pricing.csv")))
        {
            await host.Api.ImportPriceListAsync("retell", "voice-agent", "effectiveFrom=2026-10-01&currency=USD&preset=retell", prices, CancellationToken.None);
        }

        UsageEvent[] calls =
        [
            Retell("61", Instant.FromUtc(2026, 11, 3, 14, 0), 90),
            Retell("62", Instant.FromUtc(2026, 11, 8, 14, 0), 31),
            Retell("63", Instant.FromUtc(2026, 11, 13, 14, 0), 0) with { Answered = false },
        ];
        await host.Host.Services.GetRequiredService<UsageRating>().RateAsync(calls, CancellationToken.None);
    }
}
