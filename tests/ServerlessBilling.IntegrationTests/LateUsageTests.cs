using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests;

/// <summary>A call that arrives after its period's close started: billed once, on the next invoice, and the first invoice stays as issued.</summary>
[Collection(AzuriteCollection.Name)]
public class LateUsageTests(AzuriteFixture azurite, LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan Plan = new("late-plan", "Late Voice", "USD",
    [
        new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 20m, NumberFee: 0m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.10m, BillingIncrement.PerMinute),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    /// <summary>This test's own number: a number is held by one account at a time, and other tests assign theirs.</summary>
    private readonly string number = Cycles.CloseDriver.UniqueNumber("720");

    /// <summary>This test's own call: an event id is billed once across every run on one Azurite.</summary>
    private readonly string callSid = $"CA{Guid.NewGuid():N}";

    [Fact]
    public async Task LateCall_AfterItsPeriodClosed_LandsOnceOnTheNextInvoiceAsPriorPeriodUsage()
    {
        var account = new Account($"late-{Guid.NewGuid():N}"[..17], "Late Clinic", Plan.Id, new BillingProfile("UTC", 1, "USD"));
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        await host.Api.AssignNumberAsync(new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2025, 1, 1)), CancellationToken.None);
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var lastEnded = BillingPeriod.Containing(BillingPeriod.Containing(today, 1).Start.PlusDays(-1), 1);
        var earlier = BillingPeriod.Containing(lastEnded.Start.PlusDays(-1), 1);

        var first = await CloseAsync(new CycleRequest(account.Id, earlier.Key));
        // 125 s → 3 min → 0.30, in the earlier period, after its close; then the same callback again.
        var before = await TwilioCountsAsync();
        (await PostCallAsync(callSid, earlier.Start.PlusDays(5), 125)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostCallAsync(callSid, earlier.Start.PlusDays(5), 125)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Settled once both callbacks are rated: the first billed, the second counted as its duplicate (the test classes of this
        // collection run one at a time, so today's twilio counts move by this test's callbacks alone).
        var settled = await EventsRoute.WaitForAsync(
            async () => (await TwilioCountsAsync()).Minus(before), d => d.Rated + d.Duplicates == 2);
        (settled.Rated, settled.Duplicates).ShouldBe((1, 1));
        var late = (await host.Host.Services.GetRequiredService<IUsageLedger>().ListAsync(account.Id, lastEnded, CancellationToken.None)).ShouldHaveSingleItem();
        var second = await CloseAsync(new CycleRequest(account.Id, lastEnded.Key));

        late.PriorPeriodKey.ShouldBe(earlier.Key);
        first.Total.ShouldBe(20.00m);
        (await ReadInvoiceAsync(first.JsonDocument!)).Total.Amount.ShouldBe(20.00m);
        var invoice = await ReadInvoiceAsync(second.JsonDocument!);
        invoice.Lines.Select(l => (l.Category, l.Quantity, l.Amount.Amount)).ShouldBe(
        [
            (LineCategory.PlatformFee, 1m, 20.00m),
            (LineCategory.PriorPeriodUsage, 3m, 0.30m),
        ]);
        invoice.Lines[1].Description.ShouldBe(string.Create(CultureInfo.InvariantCulture,
            $"Prior period usage, {earlier.Start:yyyy-MM-dd} to {earlier.End.PlusDays(-1):yyyy-MM-dd} (1 call)"));
    }

    private async Task<InvoiceSummary> CloseAsync(CycleRequest cycle)
    {
        await host.Api.StartCloseAsync(cycle, CancellationToken.None);
        return await host.Api.WaitForCloseAsync(cycle, TimeSpan.FromMinutes(1), CancellationToken.None);
    }

    private Task<HttpResponseMessage> PostCallAsync(string sid, LocalDate day, int seconds) =>
        host.Api.PostTwilioCallbackAsync(
        [
            new("CallSid", sid),
            new("CallStatus", "completed"),
            new("CallDuration", seconds.ToString(CultureInfo.InvariantCulture)),
            new("Direction", "inbound"),
            new("From", "+13035550901"),
            new("To", number),
            new("Timestamp", day.At(new LocalTime(12, 0)).InUtc().ToDateTimeOffset().ToString("r", CultureInfo.InvariantCulture)),
        ], host.TwilioToken, host.PublicBaseUrl, CancellationToken.None);

    private async Task<IngestCounts> TwilioCountsAsync()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var report = await host.Api.GetIngestCountersAsync("twilio", today, today, CancellationToken.None);
        return report.Totals.SingleOrDefault()?.Counts ?? IngestCounts.None;
    }

    private async Task<Invoice> ReadInvoiceAsync(string document)
    {
        var parts = document.Split('/', 2);
        var blob = await azurite.Blobs.GetBlobContainerClient(parts[0]).GetBlobClient(parts[1]).DownloadContentAsync();
        return JsonSerializer.Deserialize<Invoice>(blob.Value.Content.ToArray(), BillingJson.Options)!;
    }
}
