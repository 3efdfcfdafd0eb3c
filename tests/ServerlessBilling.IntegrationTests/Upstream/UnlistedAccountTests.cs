using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Upstream;

/// <summary>Billed calls a Twilio statement does not list, found on Azurite by the durable orchestration through the ledger's index of
/// sources: an account all of whose calls are missing is reported with its amounts; with <c>scope=statement</c> only the accounts the
/// statement bills a call to are. Accounts, numbers and call ids are this run's own, and only their findings are read.</summary>
[Collection(AzuriteCollection.Name)]
public class UnlistedAccountTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan SellPlan = new("unlisted-sell", "Unlisted", "USD",
    [
        new PlanVersion(new LocalDate(2026, 1, 1), PlatformFee: 0m, NumberFee: 0m,
            [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.02m, BillingIncrement.PerMinute)], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    private readonly string run = Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task AccountWithEveryCallMissingFromTheStatement_IsReportedWithItsAmounts_AndOnlyTheStatementsAccountsWithScopeStatement()
    {
        var (listedAccount, missingAccount) = ($"unlisted-a-{run}", $"unlisted-b-{run}");
        var (listedNumber, missingNumber) = (Number(1), Number(2));
        await using (var prices = File.OpenRead(Path.Combine(RepositoryRoot.Find(), "samples", "upstream", "twilio-voice-pricing-us.csv")))
        {
            await host.Api.ImportPriceListAsync("twilio", "voice", "effectiveFrom=2026-10-01&currency=USD&preset=twilio-voice", prices, CancellationToken.None);
        }

        await SeedAccountAsync(listedAccount, listedNumber);
        await SeedAccountAsync(missingAccount, missingNumber);
        var now = SystemClock.Instance.GetCurrentInstant();
        var monthStart = now.Minus(Duration.FromHours(1)).InUtc().Date.With(DateAdjusters.StartOfMonth).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var month = monthStart.InUtc().Date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var (a1, a2, b1, b2) = (Sid("a1"), Sid("a2"), Sid("b1"), Sid("b2"));
        UsageEvent[] calls =
        [
            Call(a1, monthStart.Plus(Duration.FromMinutes(1)), 125, listedNumber),
            Call(a2, monthStart.Plus(Duration.FromMinutes(2)), 30, listedNumber),
            Call(b1, monthStart.Plus(Duration.FromMinutes(3)), 125, missingNumber),
            Call(b2, monthStart.Plus(Duration.FromMinutes(4)), 90, missingNumber),
        ];
        await host.Host.Services.GetRequiredService<UsageRating>().RateAsync(calls, CancellationToken.None);
        var statement = string.Join('\n',
            "Call Sid,From,To,Direction,Status,Start Time,End Time,Duration,Price,Price Unit",
            string.Create(CultureInfo.InvariantCulture, $"{a1},+13035550900,{listedNumber},inbound,completed,{monthStart.Plus(Duration.FromMinutes(1))},,125,-0.0255,USD")) + "\n";

        var everyAccount = await OwnFindingsAsync(month, null, statement, [listedAccount, missingAccount]);
        var statementAccounts = await OwnFindingsAsync(month, "statement", statement, [listedAccount, missingAccount]);

        everyAccount.ShouldBe(
        [
            (a2, FindingKind.BilledNotCharged, FindingReason.NotOnStatement, 0.02m, listedAccount),
            (b1, FindingKind.BilledNotCharged, FindingReason.NotOnStatement, 0.06m, missingAccount),
            (b2, FindingKind.BilledNotCharged, FindingReason.NotOnStatement, 0.04m, missingAccount),
        ]);
        statementAccounts.ShouldBe([(a2, FindingKind.BilledNotCharged, FindingReason.NotOnStatement, 0.02m, listedAccount)]);
    }

    [Fact]
    public async Task StatementOfOneVendorAccount_FindsThatAccountsUnlistedCallsInEveryCustomer_AndLeavesOtherAccountsRowsAndCallsOut()
    {
        var (first, second) = ($"vendoracct-a-{run}", $"vendoracct-b-{run}");
        var (firstNumber, secondNumber) = (Number(3), Number(4));
        var (sub1, sub2) = ($"AC{run}1", $"AC{run}2");
        await using (var prices = File.OpenRead(Path.Combine(RepositoryRoot.Find(), "samples", "upstream", "twilio-voice-pricing-us.csv")))
        {
            await host.Api.ImportPriceListAsync("twilio", "voice", "effectiveFrom=2026-10-01&currency=USD&preset=twilio-voice", prices, CancellationToken.None);
        }

        await SeedAccountAsync(first, firstNumber);
        await SeedAccountAsync(second, secondNumber);
        var now = SystemClock.Instance.GetCurrentInstant();
        var monthStart = now.Minus(Duration.FromHours(1)).InUtc().Date.With(DateAdjusters.StartOfMonth).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var month = monthStart.InUtc().Date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var (a1, a2, b1, b2, other) = (Sid("va1"), Sid("va2"), Sid("vb1"), Sid("vb2"), Sid("vx"));
        UsageEvent[] calls =
        [
            Call(a1, monthStart.Plus(Duration.FromMinutes(1)), 60, firstNumber, sub1),
            Call(a2, monthStart.Plus(Duration.FromMinutes(2)), 60, firstNumber, sub2),
            Call(b1, monthStart.Plus(Duration.FromMinutes(3)), 125, secondNumber, sub1),
            Call(b2, monthStart.Plus(Duration.FromMinutes(4)), 60, secondNumber, null),
        ];
        await host.Host.Services.GetRequiredService<UsageRating>().RateAsync(calls, CancellationToken.None);
        var start = monthStart.Plus(Duration.FromMinutes(1));
        var statement = string.Join('\n',
            "Call Sid,Account Sid,From,To,Direction,Status,Start Time,End Time,Duration,Price,Price Unit",
            string.Create(CultureInfo.InvariantCulture, $"{a1},{sub1},+13035550900,{firstNumber},inbound,completed,{start},,60,-0.0085,USD"),
            string.Create(CultureInfo.InvariantCulture, $"{other},{sub2},+13035550900,+15555550100,inbound,completed,{start},,60,-0.0085,USD")) + "\n";
        using var file = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(statement));

        var imported = await host.Api.ImportStatementAsync("twilio", month, null, null, sub1, file, CancellationToken.None);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var view = await host.Api.WaitForReconciliationAsync("twilio", month, imported.RunId, TimeSpan.FromMilliseconds(200), timeout.Token);
        (view.Summary.Status, view.Summary.VendorAccount).ShouldBe(("completed", sub1), view.Failure);
        var findings = new List<(string, FindingKind, FindingReason, decimal, string?)>();
        await foreach (var f in host.Host.Services.GetRequiredService<IReconciliations>()
            .ListFindingsAsync(new StatementRun("twilio", month, StatementFormat.TwilioCalls, imported.RunId), CancellationToken.None))
        {
            if (f.VendorCallId.Contains(run, StringComparison.Ordinal))
            {
                findings.Add((f.VendorCallId, f.Kind, f.Reason, f.Amount, f.AccountId));
            }
        }

        findings.ShouldBe([(b1, FindingKind.BilledNotCharged, FindingReason.NotOnStatement, 0.06m, second)]);
    }

    [Fact]
    public async Task ImportRoute_VendorAccountNotAnId_Is400NamingIt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/reconciliations/twilio/2026-11?vendorAccount=AC%2F1")
        {
            Content = new StringContent("Call Sid\n", System.Text.Encoding.UTF8, "text/csv"),
        };
        request.Headers.Add("x-functions-key", host.ApiKey);

        using var response = await host.Http.SendAsync(request);

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("vendorAccount");
    }

    /// <summary>Imports the statement, waits for its run and reads every finding of it (not only the report's first ones) of these accounts.</summary>
    private async Task<List<(string, FindingKind, FindingReason, decimal, string?)>> OwnFindingsAsync(
        string month, string? scope, string statement, string[] accounts)
    {
        using var file = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(statement));
        var imported = await host.Api.ImportStatementAsync("twilio", month, null, scope, file, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var view = await host.Api.WaitForReconciliationAsync("twilio", month, imported.RunId, TimeSpan.FromMilliseconds(200), timeout.Token);
        view.Summary.Status.ShouldBe("completed", view.Failure);
        var findings = new List<(string, FindingKind, FindingReason, decimal, string?)>();
        var stored = host.Host.Services.GetRequiredService<IReconciliations>();
        await foreach (var f in stored.ListFindingsAsync(new StatementRun("twilio", month, StatementFormat.TwilioCalls, imported.RunId), CancellationToken.None))
        {
            if (accounts.Contains(f.AccountId))
            {
                findings.Add((f.VendorCallId, f.Kind, f.Reason, f.Amount, f.AccountId));
            }
        }

        return [.. findings.OrderBy(f => f.Item1, StringComparer.Ordinal)];
    }

    private async Task SeedAccountAsync(string accountId, string number)
    {
        await host.Api.PutPlanAsync(SellPlan, CancellationToken.None);
        await host.Api.PutAccountAsync(new Account(accountId, "Unlisted " + accountId, SellPlan.Id, new BillingProfile("UTC", 1, "USD")), CancellationToken.None);
        await host.Api.AssignNumberAsync(new NumberAssignment(number, accountId, NumberType.Local, new LocalDate(2026, 1, 1)), CancellationToken.None);
    }

    /// <summary>A number of this run's own in area code 628, from the run id.</summary>
    private string Number(int n)
    {
        var v = Convert.ToInt64(run[..8], 16);
        return string.Create(CultureInfo.InvariantCulture, $"+1628{2 + (v % 8)}{((v / 8) % 100_000 * 10) + n:D6}");
    }

    /// <summary>A Twilio CallSid of this run's own: CA and 32 hex digits ending in <paramref name="suffix"/>.</summary>
    private string Sid(string suffix) => $"CA{run}{suffix.PadLeft(22, '0')}";

    private static UsageEvent Call(string sid, Instant start, int seconds, string to, string? vendorAccount = null) =>
        new($"twilio-{sid}", "twilio", sid, start, seconds, CallDirection.Inbound, "+13035550900", to, UsageComponent.Telephony, true,
            Attributes: vendorAccount is null ? null : new Dictionary<string, string> { [UsageEvent.VendorAccountAttribute] = vendorAccount });
}
