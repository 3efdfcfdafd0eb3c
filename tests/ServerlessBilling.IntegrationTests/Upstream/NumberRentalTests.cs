using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Upstream;

/// <summary>The month's number rental reckoned on Azurite by the durable orchestration: the numbers the accounts billed under the vendor
/// held on any day of the month, at the cost plan's monthly number fees by type. The vendor is this run's own (its statement read as
/// Twilio's call records), so no other test's accounts are billed under it and the count is exact.</summary>
[Collection(AzuriteCollection.Name)]
public class NumberRentalTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan SellPlan = new("rental-sell", "Rental", "USD",
    [
        new PlanVersion(new LocalDate(2026, 1, 1), PlatformFee: 0m, NumberFee: 0m,
            [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.02m, BillingIncrement.PerMinute)], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    private readonly string run = Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task NumbersHeldInTheMonth_ArePricedAtTheCostPlansFeesByType_ReleasedBeforeOrAssignedAfterAreNot()
    {
        var vendor = $"rent-{run}";
        var monthStart = SystemClock.Instance.GetCurrentInstant().Minus(Duration.FromHours(1)).InUtc().Date.With(DateAdjusters.StartOfMonth);
        var (first, next) = (monthStart, monthStart.PlusMonths(1));
        var month = first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var costPlan = CostPlan.Complete(vendor, "voice", new PricePlan("ignored", "", "USD",
        [
            new PlanVersion(new LocalDate(2026, 1, 1), PlatformFee: 0m, NumberFee: 1.15m,
                [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.0085m, BillingIncrement.PerMinute)], new PerCallRounding(6, RoundingMode.HalfUp))
            {
                NumberFees = new Dictionary<NumberType, decimal> { [NumberType.TollFree] = 2.00m },
            },
        ])).Value;
        await host.Host.Services.GetRequiredService<ICostPlans>().SetAsync(costPlan, CancellationToken.None);
        var (whole, partial) = ($"rental-a-{run}", $"rental-b-{run}");
        await host.Api.PutPlanAsync(SellPlan, CancellationToken.None);
        await host.Api.PutAccountAsync(new Account(whole, "Rental " + whole, SellPlan.Id, new BillingProfile("UTC", 1, "USD")), CancellationToken.None);
        await host.Api.PutAccountAsync(new Account(partial, "Rental " + partial, SellPlan.Id, new BillingProfile("UTC", 1, "USD")), CancellationToken.None);
        NumberAssignment[] numbers =
        [
            new(Number(1), whole, NumberType.Local, new LocalDate(2026, 1, 1)),
            new(Number(2), whole, NumberType.Local, next),
            new(Number(3), partial, NumberType.Local, new LocalDate(2026, 1, 1), Until: first),
            new(Number(4), partial, NumberType.TollFree, first, Until: first.PlusDays(2)),
        ];
        foreach (var number in numbers)
        {
            await host.Api.AssignNumberAsync(number, CancellationToken.None);
        }

        var start = first.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().Plus(Duration.FromMinutes(5));
        var (a, b) = (Sid("a"), Sid("b"));
        await host.Host.Services.GetRequiredService<UsageRating>().RateAsync(
            [Call(vendor, a, start, Number(1)), Call(vendor, b, start.Plus(Duration.FromMinutes(1)), Number(4))], CancellationToken.None);
        var statement = string.Join('\n',
            "Call Sid,From,To,Direction,Status,Start Time,End Time,Duration,Price,Price Unit",
            string.Create(CultureInfo.InvariantCulture, $"{a},+13035550900,{Number(1)},inbound,completed,{start},,60,-0.0085,USD"),
            string.Create(CultureInfo.InvariantCulture, $"{b},+13035550900,{Number(4)},inbound,completed,{start.Plus(Duration.FromMinutes(1))},,60,-0.0085,USD")) + "\n";
        using var file = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(statement));

        var imported = await host.Api.ImportStatementAsync(vendor, month, StatementFormat.TwilioCalls, null, file, CancellationToken.None);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var view = await host.Api.WaitForReconciliationAsync(vendor, month, imported.RunId, TimeSpan.FromMilliseconds(200), timeout.Token);
        var s = view.Summary;
        s.Status.ShouldBe("completed", view.Failure);
        (s.Rows, s.VendorTotal, s.ExpectedTotal, s.BilledTotal, s.GrossMargin).ShouldBe((2L, 0.017m, 0.017m, 0.04m, 0.023m));
        s.NumberRental.ShouldBe(new NumberRental(2, 3.15m, $"cost-{vendor}-voice"));
        view.Findings.ShouldBeEmpty();
        var summary = Spreadsheet.Read(await host.Api.GetReconciliationXlsxAsync(vendor, month, CancellationToken.None))["Summary"];
        (summary.Single(r => r[0] == "numbersHeld")[1], summary.Single(r => r[0] == "numberRentalExpected")[1]).ShouldBe(("2", "3.15"));
    }

    /// <summary>A number of this run's own in area code 629, from the run id.</summary>
    private string Number(int n)
    {
        var v = Convert.ToInt64(run[..8], 16);
        return string.Create(CultureInfo.InvariantCulture, $"+1629{2 + (v % 8)}{((v / 8) % 100_000 * 10) + n:D6}");
    }

    /// <summary>A Twilio CallSid of this run's own: CA and 32 hex digits ending in <paramref name="suffix"/>.</summary>
    private string Sid(string suffix) => $"CA{run}{suffix.PadLeft(22, '0')}";

    /// <remarks>The event id is Twilio's (<c>twilio-{sid}</c>, as the statement's format names its calls); the source is the vendor's.</remarks>
    private static UsageEvent Call(string vendor, string sid, Instant start, string to) =>
        new($"twilio-{sid}", vendor, sid, start, 60, CallDirection.Inbound, "+13035550900", to, UsageComponent.Telephony, true);
}
