using System.Text.Json.Nodes;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Tax.Avalara;

/// <summary>A close on Azurite with the durable engine, <c>Tax:Engine</c> = <c>AvalaraCommunications</c> and calls ingested through the
/// Twilio webhook: the invoice's usage is split by where the calls ran, each part taxed by the test server as its pair, and the
/// numbered invoice committed with the same pairs.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AfcUsageCloseTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static readonly PricePlan Plan = new("afc-usage-plan", "Calls at a dollar", "USD",
        [new PlanVersion(new LocalDate(2025, 1, 1), 12m, 0m, [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 1.00m, BillingIncrement.PerMinute)], new PerCallRounding())]);

    [Fact]
    public async Task Close_IngestedCallsFromThreePlaces_UsageSplitIntrastateInterstateAndUnknown_EachTaxedAsItsPair_CommittedAlike()
    {
        await using var service = await AfcTestServer.StartAsync();
        var sequence = "afcuse-" + Guid.NewGuid().ToString("N")[..8];
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), sequence, extraSettings: new Dictionary<string, string?>(service.Settings)
        {
            ["Tax:Avalara:NonTelecomPair"] = "34/106",
            ["Tax:Rounding"] = "PerLine",
        });
        var seattle = CloseDriver.UniqueNumber("206");
        var account = new Account(CloseDriver.UniqueId("afcuse"), "Split Calls Co", Plan.Id, new BillingProfile("UTC", 1, "USD"),
            new PostalAddress("1 Pike St", "Seattle", "WA", "98101", "US")) { Tax = new AccountTaxProfile(ConcurrentChannels: 1) };
        await host.Driver.SeedAsync(Plan, account, new NumberAssignment(seattle, account.Id, NumberType.Local, new LocalDate(2025, 1, 1)));
        var period = BillingPeriod.Containing(TaxNoticeScenarios.InvoiceDate.PlusDays(-1), 1);

        await host.Driver.PostInboundCallAsync(seattle, period.Start.PlusDays(2), 720, from: "+15095550100");   // Spokane: 12 min within Washington
        await host.Driver.PostInboundCallAsync(seattle, period.Start.PlusDays(3), 1200, from: "+14155550100");  // San Francisco: 20 min across states
        await host.Driver.PostInboundCallAsync(seattle, period.Start.PlusDays(4), 360, from: "+18005550100");   // toll-free caller: 6 min, no state
        await host.Driver.WaitForUsageAsync(account.Id, period, 3);
        var invoice = await host.Driver.CloseAsync(new CycleRequest(account.Id, period.Key));

        // 12.00 fee + 38.00 of calls; taxes per line: sales 0.72 on the fee; intrastate excise 0.30 and state USF 0.60; interstate
        // fee 0.04, FUSF 4.69, excise 0.50; unknown fee 0.01, FUSF 1.41, excise 0.15; one channel's E911 0.75.
        (invoice.Number, invoice.Total).ShouldBe(("INV-000001", 59.17m));
        invoice.TaxNotices.ShouldBeEmpty();
        var stored = await new ClosedInvoiceDocuments(azurite.Blobs).ReadInvoiceAsync(invoice.JsonDocument!);
        stored.Lines.Where(l => l.Category == LineCategory.Usage).Select(l => (l.Description, l.Quantity, l.Amount.Amount, l.Jurisdiction, l.Revenue!.Method, l.Revenue.Interstate, l.Revenue.Intrastate))
            .ToList().ShouldBe(
            [
                ("Inbound calling minutes, intrastate (1 call)", 12m, 12.00m, (UsageJurisdiction?)UsageJurisdiction.Intrastate, AllocationMethod.Actual, 0m, 12m),
                ("Inbound calling minutes, interstate (1 call)", 20m, 20.00m, UsageJurisdiction.Interstate, AllocationMethod.Actual, 20m, 0m),
                ("Inbound calling minutes (1 call)", 6m, 6.00m, null, AllocationMethod.SafeHarbor, 3.894m, 2.106m),
            ]);
        stored.Lines.Where(l => l.Tax is not null).Select(l => (l.Tax!.Reference, l.Tax.Label, l.Amount.Amount)).ToList().ShouldBe(
        [
            ("Calls at a dollar platform fee", "Sales Tax", 0.72m),
            ("Inbound calling minutes, intrastate (1 call)", "Excise Tax", 0.30m),
            ("Inbound calling minutes, intrastate (1 call)", "State USF (VoIP)", 0.60m),
            ("Inbound calling minutes, interstate (1 call)", "FCC Regulatory Fee (VoIP)", 0.04m),
            ("Inbound calling minutes, interstate (1 call)", "FUSF (VoIP)", 4.69m),
            ("Inbound calling minutes, interstate (1 call)", "Excise Tax", 0.50m),
            ("Inbound calling minutes (1 call)", "FCC Regulatory Fee (VoIP)", 0.01m),
            ("Inbound calling minutes (1 call)", "FUSF (VoIP)", 1.41m),
            ("Inbound calling minutes (1 call)", "Excise Tax", 0.15m),
            ((string?)null, "E911 (VoIP)", 0.75m),
        ]);

        (string, int, int, decimal, decimal)[] pairs = [("1", 34, 106, 12m, 0m), ("2", 19, 50, 12m, 12m), ("3", 19, 49, 20m, 20m), ("4", 19, 49, 6m, 6m), ("L1", 19, 21, 0m, 0m)];
        var draft = service.Transactions($"{account.Id}:{TaxNoticeScenarios.InvoiceDate:yyyy-MM-dd}").ShouldHaveSingleItem();
        draft.Invoice["itms"]!.AsArray().Select(Sent).ToList().ShouldBe(pairs);
        var committed = service.Transactions("INV-000001").ShouldHaveSingleItem();
        committed.Committed.ShouldBeTrue();
        committed.Invoice["itms"]!.AsArray().Select(Sent).ToList().ShouldBe(pairs);
    }

    private static (string Ref, int Tran, int Serv, decimal Charge, decimal Minutes) Sent(JsonNode? item) =>
        (item!["ref"]!.GetValue<string>(), item["tran"]!.GetValue<int>(), item["serv"]!.GetValue<int>(), item["chg"]!.GetValue<decimal>(), item["min"]!.GetValue<decimal>());
}
