using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Upstream;

/// <summary>The numbers held in a vendor's month priced by its cost plan's monthly number fees, as an expected cost beside the calls.</summary>
public class NumberRentalsTests
{
    private static readonly StatementRun Run = new("twilio", "2026-11", StatementFormat.TwilioCalls, "r1");

    private readonly InMemoryUsageLedger ledger = new();
    private readonly InMemoryAccountDirectory accounts = new();
    private readonly InMemoryCostPlans costPlans = new();
    private readonly InMemoryReconciliations reconciliations = new();

    private NumberRentals Rentals => new(ledger, accounts, costPlans, reconciliations);

    [Fact]
    public async Task ForAsync_NumbersHeldOnAnyDayOfTheMonth_EachAWholeMonthsFeeByType_OthersNot()
    {
        await costPlans.SetAsync(Plan("voice", numberFee: 0m), default); // the calls' plan charges no rental: the next one does
        await costPlans.SetAsync(Plan("zz-numbers", numberFee: 1.15m, tollFree: 2.15m), default);
        await BilledAsync("acme", "CA1");
        await BilledAsync("acme", "CA2");
        await BilledAsync("zeta", "CA3");
        await AssignAsync("+13125550100", "acme", NumberType.Local, new LocalDate(2026, 1, 1));
        await AssignAsync("+18885550100", "acme", NumberType.TollFree, new LocalDate(2026, 11, 30));
        await AssignAsync("+13125550101", "zeta", NumberType.Local, new LocalDate(2026, 10, 1), until: new LocalDate(2026, 11, 2));
        await AssignAsync("+13125550102", "zeta", NumberType.Local, new LocalDate(2026, 10, 1), until: new LocalDate(2026, 11, 1));
        await AssignAsync("+13125550103", "zeta", NumberType.Local, new LocalDate(2026, 12, 1));
        await AssignAsync("+13125550104", "omega", NumberType.Local, new LocalDate(2026, 1, 1)); // billed nothing under twilio

        var rental = await Rentals.ForAsync(Run, default);

        rental.ShouldBe(new NumberRental(3, 4.45m, "cost-twilio-zz-numbers"));
    }

    [Fact]
    public async Task ForAsync_NoCostPlanChargesForNumbers_IsNone()
    {
        await costPlans.SetAsync(Plan("voice", numberFee: 0m), default);
        await BilledAsync("acme", "CA1");
        await AssignAsync("+13125550100", "acme", NumberType.Local, new LocalDate(2026, 1, 1));

        (await Rentals.ForAsync(Run, default)).ShouldBe(NumberRental.None);
    }

    [Fact]
    public async Task ForAsync_StatementAccountsOnly_CountsTheNumbersOfAccountsTheStatementBillsACallTo()
    {
        await costPlans.SetAsync(Plan("voice", numberFee: 1.15m), default);
        await BilledAsync("acme", "CA1");
        await BilledAsync("zeta", "CA2");
        await AssignAsync("+13125550100", "acme", NumberType.Local, new LocalDate(2026, 1, 1));
        await AssignAsync("+13125550101", "zeta", NumberType.Local, new LocalDate(2026, 1, 1));
        var run = Run with { StatementAccountsOnly = true };
        await reconciliations.AddSeenAsync(run, [StatementReconciliation.AccountKey("zeta")], default);

        (await Rentals.ForAsync(run, default)).ShouldBe(new NumberRental(1, 1.15m, "cost-twilio-voice"));
    }

    [Fact]
    public void Completed_WithRental_KeepsItBesideTheCallTotalsWithoutChangingThem()
    {
        var totals = StatementTotals.Empty with { Rows = 1, VendorTotal = 0.02m, BilledTotal = 0.05m };

        var summary = ReconciliationSummary.Completed(Run, "USD", totals, previous: null, driftThresholdPoints: 5m) with
        {
            NumberRental = new NumberRental(2, 2.30m, "cost-twilio-voice"),
        };

        (summary.GrossMargin, summary.NumberRental!.Expected).ShouldBe((0.03m, 2.30m));
    }

    private static CostPlan Plan(string product, decimal numberFee, decimal? tollFree = null) =>
        new("twilio", product, new PricePlan(CostPlan.PlanIdOf("twilio", product), product, "USD",
        [
            new PlanVersion(new LocalDate(2026, 1, 1), PlatformFee: 0m, NumberFee: numberFee,
                [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.0085m, BillingIncrement.PerMinute)], new PerCallRounding(6, RoundingMode.HalfUp))
            {
                NumberFees = tollFree is { } fee ? new Dictionary<NumberType, decimal> { [NumberType.TollFree] = fee } : null,
            },
        ]));

    private async Task BilledAsync(string account, string sid) =>
        await ledger.TryRecordAsync(new RatedUsage(
            new UsageEvent($"twilio-{sid}", "twilio", sid, Instant.FromUtc(2026, 11, 5, 0, 0), 60, CallDirection.Inbound, "+13035550900", "+13125550100", UsageComponent.Telephony, true),
            account, "2026-11-01", new Charge(60, new Money(0.02m, "USD"), 0.02m, "sell", "2026-01-01")), default);

    private async Task AssignAsync(string number, string account, NumberType type, LocalDate from, LocalDate? until = null) =>
        (await accounts.AssignNumberAsync(new NumberAssignment(number, account, type, from, until), default)).Succeeded.ShouldBeTrue();
}
