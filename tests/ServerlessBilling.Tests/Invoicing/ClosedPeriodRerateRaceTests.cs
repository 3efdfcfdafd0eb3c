using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Paging;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Cycles;
using ServerlessBilling.Tests.Events;
using ServerlessBilling.Tests.Payments;
using ServerlessBilling.Tests.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Invoicing;

/// <summary>Two re-ratings of one closed period with different run ids, both reading the period before either settles, add one difference.</summary>
public class ClosedPeriodRerateRaceTests
{
    private static readonly BillingPeriod October = BillingPeriod.Containing(new LocalDate(2026, 10, 5), 1);

    /// <summary>The plan as corrected: inbound at 0.024 a minute instead of 0.012.</summary>
    private static readonly PricePlan Corrected = TestPlans.Standard with
    {
        Versions = [TestPlans.Standard.Versions[0] with { UsageRates = [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.024m, BillingIncrement.PerMinute)] }],
    };

    [Fact]
    public async Task SettleAsync_TwoRunsFromTheSameState_SettleOneDifference()
    {
        var account = TestPlans.Acme;
        var calls = new[] { Rated("c1", 125), Rated("c2", 61) };
        var invoice = InvoiceBuilder.Build(account, TestPlans.Standard, October, [], calls).Finalize("INV-000001", October.End, 15);
        var rerated = calls.Select(c => c with { Charge = Rater.Rate(c.Event, Corrected, account.Billing.Zone).Value }).ToList();
        var adjustments = new BothReadFirst(new InMemoryPendingAdjustments());
        var settling = NewSettling(adjustments);

        var runs = await Task.WhenAll(
            Task.Run(() => settling.SettleAsync(account, Corrected, invoice, rerated, "crm-fix", collections: null, default)),
            Task.Run(() => settling.SettleAsync(account, Corrected, invoice, rerated, "ops-fix", collections: null, default)));

        // 125 s → 3 min, 61 s → 2 min: 5 min × 0.012 more = 0.06, settled by one run; the other finds it settled.
        runs.Select(r => r.Settled).Order().ShouldBe([0m, 0.06m]);
        var charged = (await adjustments.ListAsync(account.Id, default)).ShouldHaveSingleItem();
        (charged.Kind, charged.Amount).ShouldBe((AdjustmentKind.RerateDifference, new Money(0.06m, "USD")));
    }

    private static ClosedPeriodRerating NewSettling(IPendingAdjustments adjustments)
    {
        var accounts = new InMemoryAccountDirectory(TestPlans.Acme);
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 20, 12, 0));
        var notes = new NoCreditNotes();
        // A charge never issues a credit note: the issuer's numbering, rendering and tax ledger are not reached.
        var issuing = new CreditNoteIssuing(accounts, new InMemoryInvoices(), notes, null!, null!, new InMemoryOutbox(), adjustments, null!, clock);
        return new ClosedPeriodRerating(accounts, new InMemoryUsageLedger(), new InMemoryCycleLedger(), adjustments, notes, issuing, clock);
    }

    private static RatedUsage Rated(string id, int seconds)
    {
        var call = TestPlans.Call(id, Instant.FromUtc(2026, 10, 10, 15, 0), seconds) with { AccountId = TestPlans.Acme.Id };
        return new RatedUsage(call, TestPlans.Acme.Id, October.Key, Rater.Rate(call, TestPlans.Standard, TestPlans.Acme.Billing.Zone).Value);
    }

    /// <summary>Holds the first two readers of the account's adjustments until both have read, as two runs racing each other would.</summary>
    private sealed class BothReadFirst(IPendingAdjustments inner) : IPendingAdjustments
    {
        private readonly TaskCompletionSource bothRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int readers;

        public Task AddAsync(PendingAdjustment adjustment, CancellationToken cancellationToken) => inner.AddAsync(adjustment, cancellationToken);

        public Task<IReadOnlyList<PendingAdjustment>> ListForInvoiceAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
            inner.ListForInvoiceAsync(accountId, invoiceId, cancellationToken);

        public async Task<IReadOnlyList<PendingAdjustment>> ListAsync(string accountId, CancellationToken cancellationToken)
        {
            var listed = await inner.ListAsync(accountId, cancellationToken);
            var reader = Interlocked.Increment(ref readers);
            if (reader == 2)
            {
                bothRead.SetResult();
            }

            if (reader <= 2)
            {
                await bothRead.Task;
            }

            return listed;
        }

        public Task MarkBilledAsync(string accountId, IReadOnlyCollection<string> adjustmentIds, string invoiceId, CancellationToken cancellationToken) =>
            inner.MarkBilledAsync(accountId, adjustmentIds, invoiceId, cancellationToken);
    }

    private sealed class NoCreditNotes : ICreditNoteStore
    {
        public Task<CreditNote?> FindAsync(string accountId, string creditNoteId, CancellationToken cancellationToken) => Task.FromResult<CreditNote?>(null);

        public Task<IReadOnlyList<CreditNote>> ListAsync(string accountId, string invoiceId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<CreditNote>>([]);

        public Task<ListPage<CreditNote>> ListPageAsync(string accountId, PageRequest page, CancellationToken cancellationToken) =>
            Task.FromResult(ListPage<CreditNote>.Empty);

        public Task<CreditPlan> ReserveAsync(string accountId, string invoiceId, string creditNoteId, Func<IReadOnlyList<CreditNoteLine>, CreditPlan> plan, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<CreditNoteDocuments> SaveAsync(CreditNote creditNote, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
