using NodaTime;
using NodaTime.Testing;
using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;
using ServerlessBilling.ResellerConsole;
using ServerlessBilling.Tests.Accounts;
using ServerlessBilling.Tests.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.ResellerConsole;

/// <summary>The dashboard's cross-account margin: each account's last six periods added up per currency, by month and by component
/// and vendor, with the reported or else expected cost, and the worst calls with their accounts; accounts read page by page.</summary>
public class ConsoleMarginsTests
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 11, 20, 9, 0));

    [Fact]
    public async Task ReadAsync_AddsUpRecentPeriodsPerCurrency_SaysWhichCost_AndListsTheWorstCallsWithTheirAccounts()
    {
        // More accounts than a page, so the roll-up reads past the first; the ones with calls sort after the first page.
        var accounts = new InMemoryAccountDirectory([.. Enumerable.Range(0, ConsoleMargins.AccountsPerPage + 20).Select(i => Account($"idle-{i:000}", "USD")),
            Account("zz-usd-a", "USD"), Account("zz-usd-b", "USD"), Account("zz-eur", "EUR")]);
        var ledger = new InMemoryUsageLedger();
        await RecordAsync(ledger, Call("zz-usd-a", "r1", "retell", UsageComponent.AiVoice, new LocalDate(2026, 11, 3), 0.12m, reported: 0.07m));
        await RecordAsync(ledger, Call("zz-usd-a", "t1", "twilio", UsageComponent.Telephony, new LocalDate(2026, 11, 4), 0.02m, expected: 0.03m));
        await RecordAsync(ledger, Call("zz-usd-b", "r2", "retell", UsageComponent.AiVoice, new LocalDate(2026, 10, 9), 0.05m, reported: 0.07m));
        await RecordAsync(ledger, Call("zz-usd-b", "old", "twilio", UsageComponent.Telephony, new LocalDate(2026, 5, 9), 5m, reported: 1m));
        await RecordAsync(ledger, Call("zz-eur", "e1", "twilio", UsageComponent.Telephony, new LocalDate(2026, 11, 5), 1m, currency: "EUR"));

        var rollUp = await new ConsoleMargins(accounts, ledger, Clock).ReadAsync(CancellationToken.None);

        // June to November: May's call is seven periods back and left out.
        (rollUp.Months, rollUp.Accounts, rollUp.Periods).ShouldBe((6, ConsoleMargins.AccountsPerPage + 23, 3));
        rollUp.Currencies.Select(c => c.Currency).ShouldBe(["EUR", "USD"]);
        var usd = rollUp.Currencies[1];
        usd.ByMonth.Select(l => (l.Label, l.Calls, l.Price, l.Cost, l.Margin, l.CallsWithoutCost, l.CostBasis)).ShouldBe(
        [
            ("2026-10", 1, 0.05m, 0.07m, -0.02m, 0, "reported"),
            ("2026-11", 2, 0.14m, 0.10m, 0.04m, 0, "mixed"),
        ]);
        usd.ByVendorAndComponent.Select(l => (l.Label, l.Calls, l.Price, l.Cost, l.Margin, l.CostBasis)).ShouldBe(
        [
            ("AiVoice via retell", 2, 0.17m, 0.14m, 0.03m, "reported"),
            ("Telephony via twilio", 1, 0.02m, 0.03m, -0.01m, "expected"),
        ]);
        usd.LossMaking.Select(l => (l.AccountId, l.PeriodKey, l.Call.EventId, l.Call.Margin, l.Call.CostBasis)).ShouldBe(
        [
            ("zz-usd-b", "2026-10-01", "r2", -0.02m, CostBasis.Reported),
            ("zz-usd-a", "2026-11-01", "t1", -0.01m, CostBasis.Expected),
        ]);
        var eur = rollUp.Currencies[0];
        eur.ByMonth.Select(l => (l.Label, l.Calls, l.Price, l.Cost, l.CallsWithoutCost, l.CostBasis)).ShouldBe([("2026-11", 1, 1m, 0m, 1, "none")]);
        eur.LossMaking.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadAsync_ManyLosses_KeepsTheWorstFew_WorstFirst()
    {
        var accounts = new InMemoryAccountDirectory(Account("a", "USD"), Account("b", "USD"));
        var ledger = new InMemoryUsageLedger();
        for (var i = 1; i <= 12; i++)
        {
            // Account a loses i cents on call i; account b loses i cents and a half on its call i, in the month before.
            await RecordAsync(ledger, Call("a", $"a{i:00}", "twilio", UsageComponent.Telephony, new LocalDate(2026, 11, 2), 0.01m, reported: 0.01m + (i / 100m)));
            await RecordAsync(ledger, Call("b", $"b{i:00}", "twilio", UsageComponent.Telephony, new LocalDate(2026, 10, 2), 0.01m, reported: 0.015m + (i / 100m)));
        }

        var losses = (await new ConsoleMargins(accounts, ledger, Clock).ReadAsync(CancellationToken.None)).Currencies.Single().LossMaking;

        losses.Select(l => (l.AccountId, l.Call.EventId, l.Call.Margin)).ShouldBe(
        [
            ("b", "b12", -0.125m), ("a", "a12", -0.12m), ("b", "b11", -0.115m), ("a", "a11", -0.11m), ("b", "b10", -0.105m),
            ("a", "a10", -0.10m), ("b", "b09", -0.095m), ("a", "a09", -0.09m), ("b", "b08", -0.085m), ("a", "a08", -0.08m),
        ]);
    }

    [Fact]
    public async Task ReadCachedAsync_AnswersTheRollUpItReadForAMinute_ThenReadsAgain()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 20, 9, 0));
        var ledger = new InMemoryUsageLedger();
        var margins = new ConsoleMargins(new InMemoryAccountDirectory([Account("cached", "USD")]), ledger, clock);
        await RecordAsync(ledger, Call("cached", "c1", "twilio", UsageComponent.Telephony, new LocalDate(2026, 11, 3), 0.10m, reported: 0.04m));

        var first = await margins.ReadCachedAsync(CancellationToken.None);
        await RecordAsync(ledger, Call("cached", "c2", "twilio", UsageComponent.Telephony, new LocalDate(2026, 11, 4), 0.20m, reported: 0.05m));
        clock.Advance(Duration.FromSeconds(59));
        var kept = await margins.ReadCachedAsync(CancellationToken.None);
        clock.Advance(Duration.FromSeconds(1));
        var fresh = await margins.ReadCachedAsync(CancellationToken.None);

        kept.ShouldBeSameAs(first);
        first.Currencies.Single().ByMonth.Single().Price.ShouldBe(0.10m);
        (fresh.Currencies.Single().ByMonth.Single().Calls, fresh.Currencies.Single().ByMonth.Single().Price).ShouldBe((2, 0.30m));
        (await new ConsoleMargins(new InMemoryAccountDirectory([Account("cached", "USD")]), ledger, clock, Duration.Zero).ReadCachedAsync(CancellationToken.None))
            .ShouldNotBeSameAs(fresh);
    }

    private static Account Account(string id, string currency) => new(id, id, "p", new BillingProfile("UTC", 1, currency));

    private static Task RecordAsync(InMemoryUsageLedger ledger, RatedUsage usage) => ledger.TryRecordAsync(usage, CancellationToken.None);

    /// <summary>A rated call; with <paramref name="expected"/>, its charge carries the cost its cost plan expects, as rating records it.</summary>
    private static RatedUsage Call(string accountId, string id, string source, UsageComponent component, LocalDate day, decimal price,
        decimal? reported = null, decimal? expected = null, string currency = "USD")
    {
        var call = new UsageEvent(id, source, id, day.At(new LocalTime(12, 0)).InUtc().ToInstant(), 60, CallDirection.Outbound, "+12125550100", "+14155550100",
            component, true, reported is { } r ? new Money(r, currency) : null);
        var charge = new Charge(60, new Money(price, currency), price, "p", "2026-01-01")
        {
            ExpectedCost = expected is { } e ? new ExpectedCost(new Money(e, currency), "cost-twilio-voice", "2026-01-01", null, 60, e) : null,
        };
        return new RatedUsage(call, accountId, new LocalDate(day.Year, day.Month, 1).ToString("yyyy-MM-dd", null), charge);
    }
}
