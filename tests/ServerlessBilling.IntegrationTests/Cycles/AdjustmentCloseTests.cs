using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Pdf;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>
/// Pending adjustments through real closes: a finalize retried after a failure bills an adjustment once, one added
/// after the draft waits for the next invoice, and credits above the charges floor the invoice at zero and carry the rest.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class AdjustmentCloseTests(AzuriteFixture azurite)
{
    private static readonly BillingPeriod June = BillingPeriod.Containing(new LocalDate(2025, 6, 1), 1);
    private static readonly BillingPeriod July = BillingPeriod.Containing(new LocalDate(2025, 7, 1), 1);
    private static readonly Instant Before = Instant.FromUtc(2025, 6, 20, 12, 0);

    private readonly ClosedInvoiceDocuments documents = new(azurite.Blobs);

    [Fact]
    public async Task Close_FinalizeRetriedAfterAFailure_BillsTheAdjustmentOnceAndOneAddedAfterTheDraftWaits()
    {
        var plan = Plan();
        var account = Account("retry", plan);
        var render = new GatedRender(account.Id);
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), CloseDriver.UniqueId("seq"),
            services => services.AddSingleton<IInvoiceRenderer>(p => render.Around(ActivatorUtilities.CreateInstance<InvoicePdfRenderer>(p))));
        var adjustments = host.Host.Services.GetRequiredService<IPendingAdjustments>();
        await host.Driver.SeedAsync(plan, account);
        await adjustments.AddAsync(Manual(account, "porting", "Number porting", 7m), CancellationToken.None);

        await host.Api.StartCloseAsync(Cycle(account, June), CancellationToken.None);
        await render.Reached.WaitAsync(TimeSpan.FromMinutes(2));
        // Between the draft and its finalize: this one waits for July.
        await adjustments.AddAsync(Manual(account, "late-fee", "Late fee", 3m), CancellationToken.None);
        render.Release();
        var june = await host.Api.WaitForCloseAsync(Cycle(account, June), TimeSpan.FromMinutes(2), CancellationToken.None);
        var july = await host.Driver.CloseAsync(Cycle(account, July));

        render.Attempts.ShouldBe(3); // June's render that failed, its retry, July's
        var juneInvoice = await documents.ReadInvoiceAsync(june.JsonDocument!);
        juneInvoice.Lines.Select(l => (l.Category, l.Description, l.Amount.Amount)).ShouldBe(
        [
            (LineCategory.PlatformFee, "Adjust Voice platform fee", 20.00m),
            (LineCategory.Adjustments, "Number porting", 7.00m),
        ]);
        june.Total.ShouldBe(27.00m);
        var julyInvoice = await documents.ReadInvoiceAsync(july.JsonDocument!);
        julyInvoice.Lines.Select(l => (l.Category, l.Description, l.Amount.Amount)).ShouldBe(
        [
            (LineCategory.PlatformFee, "Adjust Voice platform fee", 20.00m),
            (LineCategory.Adjustments, "Late fee", 3.00m),
        ]);
        (await adjustments.ListAsync(account.Id, CancellationToken.None)).Select(a => (a.Id, a.BilledOnInvoiceId)).ShouldBe(
            [("porting", june.InvoiceId), ("late-fee", july.InvoiceId)], ignoreOrder: true);
        await documents.ShouldMatchPdfAsync(juneInvoice, june.PdfDocument!);
    }

    [Fact]
    public async Task Close_CreditsAboveTheCharges_FloorsTheInvoiceAtZeroAndCarriesTheRestToTheNext()
    {
        var plan = Plan();
        var account = Account("floor", plan);
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), CloseDriver.UniqueId("seq"));
        var adjustments = host.Host.Services.GetRequiredService<IPendingAdjustments>();
        await host.Driver.SeedAsync(plan, account);
        await adjustments.AddAsync(
            new PendingAdjustment("overpayment", account.Id, AdjustmentKind.CreditBalance, "Overpayment", new Money(-32.40m, "USD"), Before), CancellationToken.None);

        var june = await host.Driver.CloseAsync(Cycle(account, June));
        var july = await host.Driver.CloseAsync(Cycle(account, July));

        // June: 20.00 − 32.40 = −12.40, floored at zero by carrying 12.40 forward; July: 20.00 − 12.40 = 7.60.
        var juneInvoice = await documents.ReadInvoiceAsync(june.JsonDocument!);
        juneInvoice.Lines.Select(l => (l.Description, l.Amount.Amount)).ShouldBe(
        [
            ("Adjust Voice platform fee", 20.00m),
            ("Overpayment", -32.40m),
            ("Credit carried forward to the next invoice", 12.40m),
        ]);
        june.Total.ShouldBe(0m);
        var julyInvoice = await documents.ReadInvoiceAsync(july.JsonDocument!);
        julyInvoice.Lines.Select(l => (l.Description, l.Amount.Amount)).ShouldBe(
        [
            ("Adjust Voice platform fee", 20.00m),
            ($"Credit carried forward from invoice {june.Number}", -12.40m),
        ]);
        july.Total.ShouldBe(7.60m);
        await documents.ShouldMatchPdfAsync(juneInvoice, june.PdfDocument!);
    }

    private static PendingAdjustment Manual(Account account, string id, string description, decimal amount) =>
        new(id, account.Id, AdjustmentKind.Manual, description, new Money(amount, "USD"), Before);

    private static PricePlan Plan() =>
        new(CloseDriver.UniqueId("plan"), "Adjust Voice", "USD",
        [
            new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 20m, NumberFee: 0m,
                [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.05m, BillingIncrement.PerMinute)], new PerCallRounding()),
        ]);

    private static Account Account(string prefix, PricePlan plan) =>
        new(CloseDriver.UniqueId(prefix), $"{prefix} clinic", plan.Id, new BillingProfile("UTC", 1, "USD"));

    private static CycleRequest Cycle(Account account, BillingPeriod period) => new(account.Id, period.Key);
}
