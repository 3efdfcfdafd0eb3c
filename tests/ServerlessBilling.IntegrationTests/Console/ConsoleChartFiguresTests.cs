using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.IntegrationTests.Portal;
using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Console;

/// <summary>The dashboard's margin charts read in headless Chromium: the bars the page draws for revenue and margin per month and margin
/// per vendor carry the figures the margin API returns for the same calls, and the figures worked out by hand. The account bills in
/// Swedish kronor, which no other test uses, so the kronor charts hold this test's calls alone; its last period is closed into an
/// invoice whose usage is that month's revenue.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleChartFiguresTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>, IAsyncLifetime
{
    private const string Currency = "SEK";

    private PortalBrowser browser = null!;

    public async Task InitializeAsync() => browser = await PortalBrowser.LaunchAsync();

    public async Task DisposeAsync() => await browser.DisposeAsync();

    [Fact]
    public async Task DashboardCharts_DrawTheMarginApisFigures_PerMonthAndPerVendor()
    {
        var plan = new PricePlan(CloseDriver.UniqueId("plan"), "Console Krona", Currency,
            [new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 20m, NumberFee: 0m, [], new PerCallRounding())]);
        var account = new Account(CloseDriver.UniqueId("charts"), "Console Chart Clinic", plan.Id, new BillingProfile("UTC", 1, Currency));
        await console.Own.Driver.SeedAsync(plan, account);
        var current = account.Billing.PeriodContaining(SystemClock.Instance.GetCurrentInstant());
        var previous = BillingPeriod.Containing(current.Start.PlusMonths(-1), 1);
        RatedUsage[] calls =
        [
            Call(account.Id, "twilio", UsageComponent.Telephony, previous.Start, 3.00m, reported: 1.25m),
            Call(account.Id, "retell", UsageComponent.AiVoice, previous.Start.PlusDays(1), 4.00m, reported: 1.00m),
            Call(account.Id, "retell", UsageComponent.AiVoice, current.Start, 2.00m, reported: 0.80m),
            Call(account.Id, "twilio", UsageComponent.Telephony, current.Start, 0.50m, expected: 0.90m),
        ];
        var ledger = console.Service<IUsageLedger>();
        try
        {
            foreach (var call in calls)
            {
                (await ledger.TryRecordAsync(call, CancellationToken.None)).ShouldBeTrue();
            }

            // The closed month's invoice: the platform fee and the month's calls at their rated prices (no tax rule for the account).
            var invoice = await console.Own.Driver.CloseAsync(new CycleRequest(account.Id, previous.Key));
            (invoice.Currency, invoice.Total).ShouldBe((Currency, 27.00m)); // 20.00 + 3.00 + 4.00

            // What the API says of each period, added up per month and per component and vendor as the dashboard adds them.
            var before = await MarginOfAsync(account.Id, previous);
            var now = await MarginOfAsync(account.Id, current);
            var apiMonths = new[] { (Month(previous), before.Total), (Month(current), now.Total) };
            var apiVendors = before.Lines.Concat(now.Lines)
                .GroupBy(l => l.Label, StringComparer.Ordinal)
                .Select(g => (Label: g.Key, Margin: g.Sum(l => l.Margin)))
                .OrderBy(l => l.Label, StringComparer.Ordinal)
                .ToList();

            await using var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(console.Host.BaseAddress, "api/console/sign-in").ToString());
            await page.GetByLabel("API key (admin or read-only)").FillAsync(console.ReaderKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync(new Uri(console.Host.BaseAddress, "api/console").ToString());
            (await page.Locator("h1").InnerTextAsync()).ShouldBe("Dashboard");

            var revenue = await BarsAsync(page, "revenue-sek");
            var margin = await BarsAsync(page, "margin-sek");
            var vendors = await BarsAsync(page, "vendors-sek");

            // By hand: last month 3.00 + 4.00 billed, 1.25 + 1.00 reported; this month 2.00 + 0.50 billed, 0.80 reported, 0.90 expected.
            revenue.ShouldBe([(Month(previous), 7.00m), (Month(current), 2.50m)]);
            margin.ShouldBe([(Month(previous), 4.75m), (Month(current), 0.80m)]);
            vendors.ShouldBe([("AiVoice via retell", 4.20m), ("Telephony via twilio", 1.35m)]);

            // The API's figures, to the cent the chart draws.
            revenue.ShouldBe(apiMonths.Select(m => (m.Item1, Cents(m.Total.Price))).ToList());
            margin.ShouldBe(apiMonths.Select(m => (m.Item1, Cents(m.Total.Margin))).ToList());
            vendors.ShouldBe(apiVendors.Select(v => (v.Label, Cents(v.Margin))).ToList());

            // The invoice's usage is the closed month's revenue bar.
            (invoice.Total - 20.00m).ShouldBe(revenue[0].Value);

            // The table beside each chart says the same, to the cent.
            (await page.Locator($"#months-sek tr[data-line='{Month(previous)}'] td").Nth(1).InnerTextAsync()).ShouldBe("7.00");
            (await page.Locator($"#months-sek tr[data-line='{Month(current)}'] td").Nth(3).InnerTextAsync()).ShouldBe("0.80");
            (await page.Locator("#vendors-sek tr[data-line='Telephony via twilio'] td").Nth(3).InnerTextAsync()).ShouldBe("1.35");
            await PortalBrowser.CheckAsync(page, "console-dashboard-chart-figures");
        }
        finally
        {
            // Rows left behind would count again in the next run on a reused Azurite.
            foreach (var call in calls)
            {
                await ledger.RemoveAsync(call.AccountId, call.PeriodKey, call.Event.Identity, CancellationToken.None);
            }
        }
    }

    /// <summary>Each bar of the chart, in drawing order, as its label and value attributes say.</summary>
    private static async Task<List<(string Label, decimal Value)>> BarsAsync(IPage page, string chart)
    {
        var bars = page.Locator($"svg[data-chart='{chart}'] rect.bar");
        var read = new List<(string, decimal)>();
        for (var i = 0; i < await bars.CountAsync(); i++)
        {
            var bar = bars.Nth(i);
            var value = await bar.GetAttributeAsync("data-value") ?? throw new InvalidOperationException($"A bar of {chart} has no value.");
            read.Add((await bar.GetAttributeAsync("data-label") ?? "", decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture)));
        }

        return read;
    }

    private async Task<Report> MarginOfAsync(string accountId, BillingPeriod period)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/accounts/{accountId}/periods/{period.Key}/margin");
        request.Headers.Add("x-functions-key", console.BootstrapKey);
        using var response = await console.Own.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("currency").GetString().ShouldBe(Currency);
        return new Report(Line(json.RootElement.GetProperty("total")), [.. json.RootElement.GetProperty("lines").EnumerateArray().Select(Line)]);
    }

    private static ApiLine Line(JsonElement line) =>
        new(line.GetProperty("label").GetString() ?? "", line.GetProperty("price").GetDecimal(), line.GetProperty("margin").GetDecimal());

    private static string Month(BillingPeriod period) => period.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>An amount as the chart draws it: to the cent.</summary>
    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>A rated call at noon UTC on <paramref name="day"/>, with the cost its vendor reported or else its cost plan expected.</summary>
    private static RatedUsage Call(string accountId, string source, UsageComponent component, LocalDate day, decimal price,
        decimal? reported = null, decimal? expected = null)
    {
        var id = CloseDriver.UniqueId(source);
        var call = new UsageEvent(id, source, id, day.At(new LocalTime(12, 0)).InUtc().ToInstant(), 60, CallDirection.Outbound, "+12125550100", "+14155550100",
            component, true, reported is { } r ? new Money(r, Currency) : null);
        var charge = new Charge(60, new Money(price, Currency), price, "p", "2026-01-01")
        {
            ExpectedCost = expected is { } e ? new ExpectedCost(new Money(e, Currency), "cost-twilio-voice", "2026-01-01", null, 60, e) : null,
        };
        return new RatedUsage(call, accountId, BillingPeriod.Containing(day, 1).Key, charge);
    }

    private sealed record ApiLine(string Label, decimal Price, decimal Margin);

    private sealed record Report(ApiLine Total, IReadOnlyList<ApiLine> Lines);
}
