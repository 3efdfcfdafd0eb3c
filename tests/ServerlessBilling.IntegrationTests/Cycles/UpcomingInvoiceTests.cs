using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Api.OpenApi;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>
/// On Azurite with the real durable engine: a consolidated parent (bundle) and its location (graduated tiers), taxed in New
/// York City, previewed mid-June 2025 through <c>GET .../upcoming-invoice</c>; a call rated after the first preview changes the
/// second; the close started after June ends produces exactly the second preview, numbered.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class UpcomingInvoiceTests(AzuriteFixture azurite)
{
    private static readonly LocalDate Day = new(2025, 6, 1);
    private static readonly BillingPeriod June = BillingPeriod.Containing(Day, 1);

    [Fact]
    public async Task UpcomingInvoice_ThenTheClose_TheCloseBillsExactlyTheLastPreview()
    {
        var clock = new SettableClock(Instant.FromUtc(2025, 6, 20, 12, 0));
        await using var host = await OwnBillingHost.StartAsync(
            OwnBillingHost.NewTaskHub(), CloseDriver.UniqueId("seq"), clock.Replace, new Dictionary<string, string?> { ["Tax:DeMinimis"] = "false" });
        var (parent, location, parentNumber, locationNumber) = await SeedGroupAsync(host.Driver);

        // Parent: 240 s + 480 s = 4 + 8 minutes against a 10-minute bundle, 2 minutes over. Location: 7 minutes in its first tier.
        await host.Driver.PostInboundCallAsync(parentNumber, Day.PlusDays(2), 240);
        await host.Driver.PostInboundCallAsync(parentNumber, Day.PlusDays(9), 480);
        await host.Driver.PostInboundCallAsync(locationNumber, Day.PlusDays(4), 400);
        await host.Driver.WaitForUsageAsync(parent.Id, June, expected: 2);
        await host.Driver.WaitForUsageAsync(location.Id, June, expected: 1);

        using var http = new HttpClient(new ResponseRecorder(ResponseContract.Current)) { BaseAddress = host.Host.BaseAddress };
        var first = await PreviewAsync(http, host.ApiKey, parent.Id);
        var usage = JsonNode.Parse(await GetAsync(http, host.ApiKey, $"api/accounts/{parent.Id}/usage/current"))!;

        // Rated after the first preview: the location's 10 minutes reach its second tier.
        await host.Driver.PostInboundCallAsync(locationNumber, Day.PlusDays(14), 540);
        await host.Driver.WaitForUsageAsync(location.Id, June, expected: 2);
        var second = await PreviewAsync(http, host.ApiKey, parent.Id);

        clock.Now = Instant.FromUtc(2025, 7, 2, 9, 0);
        var summary = await host.Driver.CloseAsync(new CycleRequest(parent.Id, June.Key));
        var closed = await new ClosedInvoiceDocuments(azurite.Blobs).ReadInvoiceAsync(summary.JsonDocument!);

        first.Json["preview"]!.GetValue<bool>().ShouldBeTrue();
        first.Json["asOf"]!.GetValue<string>().ShouldBe("2025-06-20T12:00:00Z");
        first.Json["periodEndsAt"]!.GetValue<string>().ShouldBe("2025-07-01T00:00:00Z");
        first.Invoice.Number.ShouldBeNull();
        first.Invoice.IssueDate.ShouldBeNull();
        first.Invoice.Lines.ShouldContain(l => l.Category == LineCategory.IncludedUsage);
        first.Invoice.Lines.ShouldContain(l => l.Category == LineCategory.Taxes);
        first.Invoice.Subtotals.Select(s => s.Location).ShouldBe(["Upcoming Group", "Upcoming Kiosk"]);
        second.Invoice.Total.Amount.ShouldBeGreaterThan(first.Invoice.Total.Amount);
        Usage(second.Invoice, "Upcoming Kiosk").ShouldNotBe(Usage(first.Invoice, "Upcoming Kiosk"));
        Usage(second.Invoice, "Upcoming Group").ShouldBe(Usage(first.Invoice, "Upcoming Group"));

        // The parent's own calls at their per-call price (0.06 a started minute), before the bundle: 4 + 8 minutes, 0.72.
        usage["period"]!["start"]!.GetValue<string>().ShouldBe("2025-06-01");
        Totals(usage["byComponent"]!).ShouldBe([("Telephony", 2, 720L, 12m, 0.72m)]);
        Totals(usage["byNumber"]!).ShouldBe([(parentNumber, 2, 720L, 12m, 0.72m)]);
        usage["byAgent"]!.AsArray().ShouldBeEmpty();
        Totals(new JsonArray(usage["total"]!.DeepClone())).ShouldBe([("total", 2, 720L, 12m, 0.72m)]);

        closed.Number.ShouldNotBeNull();
        Comparable(closed).ShouldBe(Comparable(second.Invoice));
        closed.Total.ShouldBe(second.Invoice.Total);
        second.Json["total"]!["amount"]!.GetValue<decimal>().ShouldBe(summary.Total);
    }

    private static async Task<(Account Parent, Account Location, string ParentNumber, string LocationNumber)> SeedGroupAsync(CloseDriver driver)
    {
        var bundled = new PricePlan(CloseDriver.UniqueId("plan"), "Upcoming Office", "USD",
        [
            new PlanVersion(Day.PlusYears(-1), PlatformFee: 20m, NumberFee: 1.50m, [InboundRate(0.06m)], new PerCallRounding())
            {
                Bundles = [new Bundle("Office minutes", 10m, [UsageComponent.Telephony])],
            },
        ]);
        var tiered = new PricePlan(CloseDriver.UniqueId("plan"), "Upcoming Kiosk plan", "USD",
        [
            new PlanVersion(Day.PlusYears(-1), PlatformFee: 5m, NumberFee: 1m, [InboundRate(0.05m)], new PerCallRounding())
            {
                Tiers = [new TierSchedule(UsageComponent.Telephony, TierMode.Graduated, [new Tier(10m, 0.10m), new Tier(null, 0.04m)])],
            },
        ]);
        var billing = new BillingProfile("UTC", 1, "USD");
        var address = new PostalAddress("1 Centre St", "New York", "NY", "10007", "US");
        var parent = new Account(CloseDriver.UniqueId("upc"), "Upcoming Group", bundled.Id, billing, address) { GroupBilling = GroupBilling.Consolidated };
        var location = new Account(parent.Id + "-k", "Upcoming Kiosk", tiered.Id, billing) { ParentAccountId = parent.Id };
        var (parentNumber, locationNumber) = (CloseDriver.UniqueNumber(), CloseDriver.UniqueNumber());
        await driver.Api.PutPlanAsync(tiered, CancellationToken.None);
        await driver.SeedAsync(bundled, parent, new NumberAssignment(parentNumber, parent.Id, NumberType.Local, Day.PlusMonths(-2)));
        await driver.SeedAsync(tiered, location, new NumberAssignment(locationNumber, location.Id, NumberType.Local, Day.PlusMonths(-2)));
        return (parent, location, parentNumber, locationNumber);
    }

    private static UsageRate InboundRate(decimal perMinute) =>
        new(UsageComponent.Telephony, CallDirection.Inbound, perMinute, BillingIncrement.PerMinute);

    private static async Task<Preview> PreviewAsync(HttpClient http, string apiKey, string accountId)
    {
        var json = JsonNode.Parse(await GetAsync(http, apiKey, $"api/accounts/{accountId}/upcoming-invoice"))!.AsObject();
        return new Preview(json, json["invoice"].Deserialize<Invoice>(BillingJson.Options)!);
    }

    /// <summary>The body of a 200, through a client that checks it against the OpenAPI document.</summary>
    private static async Task<string> GetAsync(HttpClient http, string apiKey, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", apiKey);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return body;
    }

    private static IReadOnlyList<(string Key, int Calls, long Seconds, decimal Minutes, decimal Amount)> Totals(JsonNode totals) =>
    [
        .. totals.AsArray().Select(t => (t!["key"]!.GetValue<string>(), t["calls"]!.GetValue<int>(), t["seconds"]!.GetValue<long>(),
            t["billableMinutes"]!.GetValue<decimal>(), t["amount"]!.GetValue<decimal>())),
    ];

    private static IReadOnlyList<(string Description, decimal Quantity, decimal Amount)> Usage(Invoice invoice, string location) =>
        [.. invoice.Lines.Where(l => l.Location == location && l.Category is LineCategory.Usage or LineCategory.IncludedUsage).Select(l => (l.Description, l.Quantity, l.Amount.Amount))];

    /// <summary>The invoice as JSON without what only numbering gives it: every line, tax, notice and total compared at once.</summary>
    private static string Comparable(Invoice invoice) =>
        JsonSerializer.Serialize(invoice with { Number = null, IssueDate = null, DueDate = null }, BillingJson.Options);

    private sealed record Preview(JsonObject Json, Invoice Invoice);
}
