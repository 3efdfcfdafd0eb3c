using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>
/// A period re-rated after its invoice was final: the invoice stands, a higher price lands as an adjustment line on
/// the next invoice (JSON and PDF), a lower one as a credit note whose credit lands on the one after; repeating a run
/// adds nothing; while the close runs the re-rating is refused.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class ClosedPeriodRerateTests(AzuriteFixture azurite)
{
    private static readonly BillingPeriod June = ClosedJune.June;
    private static readonly BillingPeriod July = ClosedJune.July;
    private static readonly BillingPeriod August = ClosedJune.August;

    private readonly ClosedInvoiceDocuments documents = new(azurite.Blobs);
    private readonly string planId = CloseDriver.UniqueId("fix-voice");

    [Fact]
    public async Task Rerate_ClosedPeriodAfterPriceFix_LandsAsAdjustmentOnTheNextInvoiceAndACreditAsACreditNote()
    {
        await using var closed = await ClosedJune.StartAsync(Plan(inboundPerMinute: 0.10m), "Rerate Clinic", (125, null), (61, null));
        var (host, account, june) = (closed.Host, closed.Account, closed.Invoice);

        // The price was wrong: 0.13, not 0.10. 125 s → 3 min, 61 s → 2 min: 5 min × 0.13 = 0.65 against 0.50 billed.
        await host.Api.PutPlanAsync(Plan(inboundPerMinute: 0.13m), CancellationToken.None);
        var fix = await host.Api.RerateAsync(new CycleRequest(account.Id, June.Key), "price-fix-1", CancellationToken.None);
        var repeated = await host.Api.RerateAsync(new CycleRequest(account.Id, June.Key), "price-fix-1", CancellationToken.None);
        var otherRun = await host.Api.RerateAsync(new CycleRequest(account.Id, June.Key), null, CancellationToken.None);
        var july = await host.Driver.CloseAsync(new CycleRequest(account.Id, July.Key));

        (june.Number, june.Total).ShouldBe(("INV-000001", 20.50m));
        (fix.Calls, fix.Changed, fix.Difference).ShouldBe((2, 2, 0.15m));
        fix.Settlement.ShouldBe(new ClosedPeriodSettlement(0.15m, $"rerate:{account.Id}:{June.Key}:price-fix-1", null));
        repeated.Settlement!.Settled.ShouldBe(0m);
        otherRun.Settlement!.Settled.ShouldBe(0m);
        (await documents.ReadInvoiceAsync(june.JsonDocument!)).Total.Amount.ShouldBe(20.50m); // the final invoice stands
        var julyInvoice = await documents.ReadInvoiceAsync(july.JsonDocument!);
        julyInvoice.Lines.Select(l => (l.Category, l.Description, l.Amount.Amount)).ShouldBe(
        [
            (LineCategory.PlatformFee, "Fix Voice platform fee", 20.00m),
            (LineCategory.Adjustments, "Re-rating of usage 2025-06-01 to 2025-06-30 (invoice INV-000001)", 0.15m),
        ]);
        july.Total.ShouldBe(20.15m);
        await documents.ShouldMatchPdfAsync(julyInvoice, july.PdfDocument!);
        (await documents.ReadPdfRowsAsync(july.PdfDocument!)).ShouldContain("Adjustments and credits");

        // Then lower than billed: 5 min × 0.08 = 0.40, against 0.50 billed and 0.15 already charged: 0.25 back, as a credit note.
        await host.Api.PutPlanAsync(Plan(inboundPerMinute: 0.08m), CancellationToken.None);
        var lower = await host.Api.RerateAsync(new CycleRequest(account.Id, June.Key), "price-fix-2", CancellationToken.None);
        var august = await host.Driver.CloseAsync(new CycleRequest(account.Id, August.Key));

        lower.Settlement.ShouldBe(new ClosedPeriodSettlement(-0.25m, null, "CN-000001"));
        var note = (await host.Api.ListCreditNotesAsync(account.Id, Invoice.IdFor(account.Id, June), CancellationToken.None)).ShouldHaveSingleItem();
        (note.Number, note.InvoiceNumber, note.Total.Amount).ShouldBe(("CN-000001", "INV-000001", 0.25m));
        var augustInvoice = await documents.ReadInvoiceAsync(august.JsonDocument!);
        // June is still open, so the note lowers its balance (20.50 − 0.25) and nothing is carried to August.
        (await host.Api.GetInvoiceAsync(account.Id, Invoice.IdFor(account.Id, June), CancellationToken.None)).Payments!.BalanceDue.ShouldBe(20.25m);
        augustInvoice.Lines.Select(l => (l.Category, l.Description, l.Amount.Amount)).ShouldBe(
        [
            (LineCategory.PlatformFee, "Fix Voice platform fee", 20.00m),
        ]);
        (august.Number, august.Total).ShouldBe(("INV-000003", 20.00m));
        await documents.ShouldMatchPdfAsync(augustInvoice, august.PdfDocument!);
    }

    [Fact]
    public async Task Rerate_WhileTheCloseRuns_IsAConflict()
    {
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), CloseDriver.UniqueId("seq"));
        var plan = Plan(inboundPerMinute: 0.10m);
        var account = new Account(CloseDriver.UniqueId("closing"), "Closing Clinic", plan.Id, new BillingProfile("UTC", 1, "USD"));
        await host.Driver.SeedAsync(plan, account);
        // The close has recorded its start and has no final invoice yet.
        await host.Host.Services.GetRequiredService<ICycleLedger>().TryRecordStartAsync(
            new CycleRequest(account.Id, June.Key), SystemClock.Instance.GetCurrentInstant(), CancellationToken.None);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/accounts/{account.Id}/periods/{June.Key}/rerate");
        request.Headers.Add("x-functions-key", host.ApiKey);
        using var response = await host.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldContain("is running");
    }

    private PricePlan Plan(decimal inboundPerMinute) => ClosedJune.Plan(planId, "Fix Voice", inboundPerMinute);
}
