using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Tests.Invoicing;

public class RecurringFeeTests
{
    private static readonly BillingPeriod November = BillingPeriod.Containing(new LocalDate(2026, 11, 1), 1); // 30 days

    private static PlanVersion Version(int month, int day, decimal fee) =>
        new(new LocalDate(2026, month, day), fee, 0m, [], new PerCallRounding())
        {
            AddOns = [new AddOn("rec", "Recording", 2, 3m)],
            OneTimeFees = [new OneTimeFee("setup", "Setup", 25m)],
        };

    private static Invoice Build(PricePlan plan, Account account) => InvoiceBuilder.Build(account, plan, November, [], []);

    [Fact]
    public void Build_FullPeriod_ChargesWholeFeesAndNoOneTimeFee()
    {
        var plan = new PricePlan("p", "Pro", "USD", [Version(1, 1, 49m)]);
        var account = TestPlans.Acme with { ActiveFrom = new LocalDate(2026, 3, 1) };

        Build(plan, account).Lines.Select(l => (l.Description, l.Amount.Amount)).ShouldBe(
            [("Pro platform fee", 49m), ("Recording", 6m)]);
    }

    [Fact]
    public void Build_ServiceStartsMidPeriod_ProratesByDayAndBillsOneTimeFees()
    {
        // Nov 16–30 is 15 of 30 days: 49 × 0.5 = 24.50; recording 2 × 3 × 0.5 = 3.00; setup 25 once.
        var plan = new PricePlan("p", "Pro", "USD", [Version(1, 1, 49m)]);
        var account = TestPlans.Acme with { ActiveFrom = new LocalDate(2026, 11, 16) };

        Build(plan, account).Lines.Select(l => (l.Description, l.Amount.Amount)).ShouldBe(
            [("Pro platform fee (Nov 16–Nov 30)", 24.50m), ("Recording (Nov 16–Nov 30)", 3.00m), ("Setup", 25m)]);
    }

    [Fact]
    public void Build_PlanChangeAndStopMidPeriod_EachPartAtItsOwnFee()
    {
        // 49 until Nov 20 (20 days: 32.6667 → 32.67), 59 from Nov 21 until service stops Nov 26 (5 days: 9.8333 → 9.83).
        var plan = new PricePlan("p", "Pro", "USD", [Version(1, 1, 49m), Version(11, 21, 59m)]);
        var account = TestPlans.Acme with { ActiveFrom = new LocalDate(2026, 1, 1), ActiveUntil = new LocalDate(2026, 11, 26) };

        var fees = Build(plan, account).Lines.Where(l => l.Category == LineCategory.PlatformFee).ToList();

        fees.Select(l => (l.Description, l.Quantity, l.Amount.Amount)).ShouldBe(
            [("Pro platform fee (Nov 1–Nov 20)", 0.6667m, 32.67m), ("Pro platform fee (Nov 21–Nov 25)", 0.1667m, 9.83m)]);
    }

    [Fact]
    public void Build_NotActiveInPeriod_ChargesNoRecurringFees()
    {
        var plan = new PricePlan("p", "Pro", "USD", [Version(1, 1, 49m)]);
        Build(plan, TestPlans.Acme with { ActiveUntil = new LocalDate(2026, 10, 15) }).Lines.ShouldBeEmpty();
    }
}
