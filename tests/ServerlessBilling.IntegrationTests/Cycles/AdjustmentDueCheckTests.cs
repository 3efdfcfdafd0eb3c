using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>
/// The due-period check reads which accounts have adjustments waiting, and the closes it starts for the others do not list theirs:
/// an adjustment added after that read, before the close drafts, is on that invoice or on the account's next one, never lost
/// and never on both.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class AdjustmentDueCheckTests(AzuriteFixture azurite)
{
    private static readonly Instant Before = Instant.FromUtc(2025, 6, 20, 12, 0);

    private readonly ClosedInvoiceDocuments documents = new(azurite.Blobs);

    [Fact]
    public async Task CloseDue_AdjustmentAddedBetweenTheCheckAndTheDraft_IsOnThisInvoiceOrTheNext_Once()
    {
        var plan = Plan();
        var prefix = CloseDriver.UniqueId("adjcheck");
        var waiting = Account(prefix + "-waiting", plan);
        var none = Account(prefix + "-none", plan);
        AddingAfterTheRead? port = null;
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), CloseDriver.UniqueId("seq"),
            services => services.AddSingleton<IPendingAdjustments>(p => port = new AddingAfterTheRead(ActivatorUtilities.CreateInstance<TablePendingAdjustments>(p))));
        var adjustments = host.Host.Services.GetRequiredService<IPendingAdjustments>();
        await host.Driver.SeedAsync(plan, waiting);
        await host.Driver.SeedAsync(plan, none);
        await adjustments.AddAsync(Manual(waiting, "porting", 7m), CancellationToken.None);
        // Stored once the check has read which accounts have adjustments waiting, before it records the starts (so before the drafts).
        port.ShouldNotBeNull().Between =
        [
            Manual(waiting, "late-waiting", 3m),
            Manual(none, "late-none", 5m),
        ];

        var summary = await CloseDueCheck.RunOnceAsync(host.Host.Services, prefix, CancellationToken.None);

        port.Reads.ShouldBe(1);
        summary.Started.Count.ShouldBe(2);
        var due = summary.Started.Single(s => s.AccountId == none.Id).PeriodStart;
        var waitingDue = await host.Api.WaitForCloseAsync(new CycleRequest(waiting.Id, due), TimeSpan.FromMinutes(2), CancellationToken.None);
        var noneDue = await host.Api.WaitForCloseAsync(new CycleRequest(none.Id, due), TimeSpan.FromMinutes(2), CancellationToken.None);
        // The account listed with one waiting drafts after the late one was stored: both on this invoice.
        (await AdjustmentLinesAsync(waitingDue)).ShouldBe([("Number porting", 7.00m), ("Late fee", 3.00m)], ignoreOrder: true);
        // The account listed without: its draft does not list them, and the late one waits, unbilled, for its next close.
        (await AdjustmentLinesAsync(noneDue)).ShouldBeEmpty();
        (await adjustments.ListAsync(none.Id, CancellationToken.None)).ShouldHaveSingleItem().BilledOnInvoiceId.ShouldBeNull();
        (await adjustments.ListAccountsWithUnbilledAsync(CancellationToken.None)).ShouldNotBeNull().ShouldContain(none.Id);

        // Its next close (the period before, not closed yet) lists it and bills it.
        var previous = LocalDatePattern.Iso.Parse(due).Value.PlusMonths(-1);
        var next = await host.Driver.CloseAsync(new CycleRequest(none.Id, LocalDatePattern.Iso.Format(previous)));

        (await AdjustmentLinesAsync(next)).ShouldBe([("Late fee", 5.00m)]);
        (await adjustments.ListAsync(none.Id, CancellationToken.None)).ShouldHaveSingleItem().BilledOnInvoiceId.ShouldBe(next.InvoiceId);
        (await adjustments.ListAsync(waiting.Id, CancellationToken.None)).Select(a => (a.Id, a.BilledOnInvoiceId))
            .ShouldBe([("porting", waitingDue.InvoiceId), ("late-waiting", waitingDue.InvoiceId)], ignoreOrder: true);
    }

    private async Task<List<(string Description, decimal Amount)>> AdjustmentLinesAsync(InvoiceSummary close) =>
        [.. (await documents.ReadInvoiceAsync(close.JsonDocument!)).Lines.Where(l => l.Category == LineCategory.Adjustments).Select(l => (l.Description, l.Amount.Amount))];

    private static PendingAdjustment Manual(Account account, string id, decimal amount) =>
        new(id, account.Id, AdjustmentKind.Manual, id == "porting" ? "Number porting" : "Late fee", new Money(amount, "USD"), Before);

    private static PricePlan Plan() =>
        new(CloseDriver.UniqueId("plan"), "Adjust Voice", "USD",
        [
            new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 20m, NumberFee: 0m,
                [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.05m, BillingIncrement.PerMinute)], new PerCallRounding()),
        ]);

    private static Account Account(string id, PricePlan plan) => new(id, "Adjusted clinic", plan.Id, new BillingProfile("UTC", 1, "USD"));

    /// <summary>The table's adjustments, storing <see cref="Between"/> once the first read of the accounts with some waiting has been
    /// made and before it is answered.</summary>
    private sealed class AddingAfterTheRead(IPendingAdjustments inner) : IPendingAdjustments
    {
        public IReadOnlyList<PendingAdjustment> Between { get; set; } = [];

        public int Reads { get; private set; }

        public async Task<IReadOnlySet<string>?> ListAccountsWithUnbilledAsync(CancellationToken cancellationToken)
        {
            var read = await inner.ListAccountsWithUnbilledAsync(cancellationToken);
            if (Reads++ == 0)
            {
                foreach (var adjustment in Between)
                {
                    await inner.AddAsync(adjustment, cancellationToken);
                }
            }

            return read;
        }

        public Task AddAsync(PendingAdjustment adjustment, CancellationToken cancellationToken) => inner.AddAsync(adjustment, cancellationToken);

        public Task<IReadOnlyList<PendingAdjustment>> ListForInvoiceAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
            inner.ListForInvoiceAsync(accountId, invoiceId, cancellationToken);

        public Task<IReadOnlyList<PendingAdjustment>> ListAsync(string accountId, CancellationToken cancellationToken) => inner.ListAsync(accountId, cancellationToken);

        public Task MarkBilledAsync(string accountId, IReadOnlyCollection<string> adjustmentIds, string invoiceId, CancellationToken cancellationToken) =>
            inner.MarkBilledAsync(accountId, adjustmentIds, invoiceId, cancellationToken);
    }
}
