using System.Text.Json;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Events;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Tax;

namespace ServerlessBilling.IntegrationTests.Tax.Avalara;

/// <summary>Closes on Azurite with the durable engine and <c>Tax:Engine</c> = <c>AvalaraCommunications</c>: the invoice carries the
/// service's taxes, and a service that is down holds the close before numbering until it answers again.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AfcCloseTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Close_AvalaraCommunicationsEngine_InvoiceJsonCarriesTheServiceTaxes()
    {
        await using var service = await AfcTestServer.StartAsync();
        await using var host = await StartHostAsync(service, "afc-" + Guid.NewGuid().ToString("N")[..8]);
        var scenarios = new TaxNoticeScenarios(azurite, host);

        var cycle = await scenarios.StartCloseAsync("A", new AccountTaxProfile(ConcurrentChannels: 2), numbers: 2);
        var invoice = await host.Api.WaitForCloseAsync(cycle, Timeout, CancellationToken.None);

        // 12.00 platform fee + 6 % sales tax on it (sent as the non-telecom pair) + 2 channels x 0.75 E911.
        (invoice.Number, invoice.Total).ShouldBe(("INV-000001", 14.22m));
        invoice.TaxNotices.ShouldBeEmpty();
        var stored = await new ClosedInvoiceDocuments(azurite.Blobs).ReadInvoiceAsync(invoice.JsonDocument!);
        stored.Lines.Where(l => l.Tax is not null).Select(l => (l.Tax!.RuleKey, l.Tax.Label, l.Tax.Level, l.Amount.Amount, l.Tax.ReportedToJurisdiction)).ToList().ShouldBe(
        [
            ("afc-1-1-2502500", "Sales Tax", JurisdictionLevel.State, 0.72m, (bool?)false),
            ("afc-250-3-377300", "E911 (VoIP)", JurisdictionLevel.City, 1.50m, (bool?)true),
        ]);
        var e911 = stored.Lines.Single(l => l.Tax?.Kind == TaxKind.Emergency911);
        (e911.Quantity, e911.UnitPrice, e911.Description).ShouldBe((2m, 0.75m, $"E911 (VoIP) (Qville, {scenarios.Region("A")})"));

        var sent = service.Requests.Where(r => r["inv"]![0]!["doc"]!.GetValue<string>() == $"{cycle.AccountId}:{TaxNoticeScenarios.InvoiceDate:yyyy-MM-dd}").ShouldHaveSingleItem();
        sent["inv"]![0]!["itms"]!.AsArray().Select(Item).ToList().ShouldBe([("1", 34, 106, 12m, 0), ("L1", 19, 21, 0m, 2)]);

        // Numbered, the invoice is committed under its number with what the draft sent; the draft's transaction is never committed.
        var committed = service.Transactions("INV-000001").ShouldHaveSingleItem();
        committed.Committed.ShouldBeTrue();
        committed.Invoice["itms"]!.AsArray().Select(Item).ToList().ShouldBe([("1", 34, 106, 12m, 0), ("L1", 19, 21, 0m, 2)]);
        service.Transactions($"{cycle.AccountId}:{TaxNoticeScenarios.InvoiceDate:yyyy-MM-dd}").ShouldAllBe(t => !t.Committed);

        // The service's answer carries each charge's 499-A split onto the stored invoice, which the tax reports read.
        stored.Lines.Where(l => l.Revenue is not null).Select(l => (l.Revenue!.Form499, l.Revenue.Interstate, l.Revenue.International, l.Revenue.Intrastate))
            .ShouldBe([(Form499Category.NonTelecom, 0m, 0m, 12m)]);
    }

    private static (string Ref, int Tran, int Serv, decimal Charge, int Lines) Item(System.Text.Json.Nodes.JsonNode? item) =>
        (item!["ref"]!.GetValue<string>(), item["tran"]!.GetValue<int>(), item["serv"]!.GetValue<int>(), item["chg"]!.GetValue<decimal>(), item["line"]!.GetValue<int>());

    [Fact]
    public async Task Close_ServiceDown_HeldBeforeNumbering_ThenResumesByItselfWhenTheServiceAnswers()
    {
        await using var service = await AfcTestServer.StartAsync();
        await using var host = await StartHostAsync(service, "afcdown-" + Guid.NewGuid().ToString("N")[..8]);
        var scenarios = new TaxNoticeScenarios(azurite, host);

        var cycle = await scenarios.StartCloseAsync("D", new AccountTaxProfile(ConcurrentChannels: 1), numbers: 1, beforeClose: service.TakeDown);
        var held = await host.Api.WaitForCloseStatusAsync(cycle, Timeout, s => s.AwaitingTaxData is not null, CancellationToken.None);

        (held.RuntimeStatus, held.CustomStatus, held.Invoice).ShouldBe(("Running", TaxDataHold.Status, null));
        held.AwaitingTaxData!.RecheckSeconds.ShouldBe(1);
        var missing = held.AwaitingTaxData.Missing.ShouldHaveSingleItem();
        (missing.RuleKey, missing.Reason, missing.Detail, missing.Date)
            .ShouldBe(("avalara-communications", TaxNoticeReason.ServiceUnavailable, "the tax service failed (HTTP 503)", TaxNoticeScenarios.InvoiceDate.ToString("yyyy-MM-dd", null)));

        service.Restore(cycle.AccountId);
        var invoice = await host.Api.WaitForCloseAsync(cycle, Timeout, CancellationToken.None);

        (invoice.Number, invoice.Total).ShouldBe(("INV-000001", 13.47m)); // 12.00 + 0.72 + 0.75
        invoice.TaxNotices.ShouldBeEmpty();
        service.RequestsFor(cycle.AccountId).ShouldBeGreaterThanOrEqualTo(2);
        var announced = (await scenarios.EventsAsync(cycle.AccountId)).Where(e => e.Type == DomainEvent.CycleAwaitingTaxData).ShouldHaveSingleItem();
        announced.Data.Deserialize<CycleAwaitingTaxDataData>(BillingJson.Options)!.Missing.ShouldBe([missing]);
    }

    private static Task<OwnBillingHost> StartHostAsync(AfcTestServer service, string sequence) =>
        OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), sequence, extraSettings: new Dictionary<string, string?>(service.Settings)
        {
            ["Tax:Avalara:NonTelecomPair"] = "34/106",
            ["Tax:ServiceRecheckSeconds"] = "1",
        });
}
