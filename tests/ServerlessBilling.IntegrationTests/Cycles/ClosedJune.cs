using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>
/// The start the closed-period tests share: an account on a 20.00 platform fee plus inbound minutes (whole minutes, per call), two
/// inbound calls on June 10 and 12, 2025, and June closed on its own host, so the invoice is final before the test changes anything.
/// </summary>
internal sealed record ClosedJune(OwnBillingHost Host, Account Account, string Number, InvoiceSummary Invoice) : IAsyncDisposable
{
    public static readonly BillingPeriod June = BillingPeriod.Containing(new LocalDate(2025, 6, 1), 1);
    public static readonly BillingPeriod July = BillingPeriod.Containing(new LocalDate(2025, 7, 1), 1);
    public static readonly BillingPeriod August = BillingPeriod.Containing(new LocalDate(2025, 8, 1), 1);

    /// <summary>The plan every test's account is on (its id unique to the test), at <paramref name="inboundPerMinute"/>.</summary>
    public static PricePlan Plan(string planId, string name, decimal inboundPerMinute) =>
        new(planId, name, "USD",
        [
            new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 20m, NumberFee: 0m,
                [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, inboundPerMinute, BillingIncrement.PerMinute)], new PerCallRounding()),
        ]);

    /// <summary>Closes June with the calls <paramref name="first"/> (June 10) and <paramref name="second"/> (June 12) on the account.</summary>
    public static async Task<ClosedJune> StartAsync(PricePlan plan, string accountName, (int Seconds, string? CallSid) first, (int Seconds, string? CallSid) second)
    {
        var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), CloseDriver.UniqueId("seq"));
        try
        {
            var account = new Account(CloseDriver.UniqueId("closed"), accountName, plan.Id, new BillingProfile("UTC", 1, "USD"));
            var number = CloseDriver.UniqueNumber();
            await host.Driver.SeedAsync(plan, account, new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2025, 5, 1)));
            await host.Driver.PostInboundCallAsync(number, new LocalDate(2025, 6, 10), first.Seconds, first.CallSid);
            await host.Driver.PostInboundCallAsync(number, new LocalDate(2025, 6, 12), second.Seconds, second.CallSid);
            await host.Driver.WaitForUsageAsync(account.Id, June, 2);
            var invoice = await host.Driver.CloseAsync(new CycleRequest(account.Id, June.Key));
            return new ClosedJune(host, account, number, invoice);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
