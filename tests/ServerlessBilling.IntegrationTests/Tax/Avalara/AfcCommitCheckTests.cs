using System.Text.Json;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Events;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Tax;

namespace ServerlessBilling.IntegrationTests.Tax.Avalara;

/// <summary>The commit at numbering checked against the invoice, on Azurite with the durable engine: the test server raises its
/// E911 fee from 0.75 to 0.80 a line once it answered the draft, so the taxes committed under the number differ from the draft's.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AfcCommitCheckTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Close_RateChangedBeforeCommitUnderHold_HeldUnissuedThenIssuedAtTheCommittedRateUnderTheSameNumber()
    {
        await using var service = await AfcTestServer.StartAsync();
        await using var host = await StartHostAsync(service, "afcdiff-" + Guid.NewGuid().ToString("N")[..8], "Hold");
        var scenarios = new TaxNoticeScenarios(azurite, host);

        var cycle = await scenarios.StartCloseAsync("H", new AccountTaxProfile(ConcurrentChannels: 2), numbers: 2,
            beforeClose: _ => service.ChangeE911AfterDraft(0.80m));
        var held = await host.Api.WaitForCloseStatusAsync(cycle, Timeout, s => s.AwaitingTaxData is not null, CancellationToken.None);

        // Numbered, not issued: the status names the kind, both amounts and the number kept.
        (held.RuntimeStatus, held.CustomStatus, held.Invoice).ShouldBe(("Running", TaxDataHold.Status, null));
        var differs = held.AwaitingTaxData!.Missing.ShouldHaveSingleItem();
        (differs.RuleKey, differs.Reason, differs.Location, differs.Date).ShouldBe(
            ("committed:Emergency911", TaxNoticeReason.CommitDiffers, null, TaxNoticeScenarios.InvoiceDate.ToString("yyyy-MM-dd", null)));
        differs.Detail.ShouldBe("the tax service committed 1.60 USD for invoice INV-000001 where the invoice bills 1.50 USD: a rate changed between the draft and numbering");

        var invoice = await host.Api.WaitForCloseAsync(cycle, Timeout, CancellationToken.None);

        // Drafted again at 0.80 and issued under the number it had: 12.00 + 0.72 sales tax + 2 x 0.80.
        (invoice.Number, invoice.Total).ShouldBe(("INV-000001", 14.32m));
        invoice.TaxNotices.ShouldBeEmpty();
        service.Transactions("INV-000001").Select(t => t.Committed).ShouldBe([false, true]);
        var announced = (await scenarios.EventsAsync(cycle.AccountId)).Where(e => e.Type == DomainEvent.CycleAwaitingTaxData).ShouldHaveSingleItem();
        announced.Data.Deserialize<CycleAwaitingTaxDataData>(BillingJson.Options)!.Missing.ShouldBe([differs]);
    }

    [Fact]
    public async Task Close_RateChangedBeforeCommitUnderWarn_IssuedWithTheNoticeInStatusJsonAndEvent()
    {
        await using var service = await AfcTestServer.StartAsync();
        await using var host = await StartHostAsync(service, "afcwarn-" + Guid.NewGuid().ToString("N")[..8], "Warn");
        var scenarios = new TaxNoticeScenarios(azurite, host);

        var cycle = await scenarios.StartCloseAsync("W", new AccountTaxProfile(ConcurrentChannels: 2), numbers: 2,
            beforeClose: _ => service.ChangeE911AfterDraft(0.80m));
        var invoice = await host.Api.WaitForCloseAsync(cycle, Timeout, CancellationToken.None);

        // Issued with the draft's 0.75 a line; the difference is told wherever the invoice's notices go.
        (invoice.Number, invoice.Total).ShouldBe(("INV-000001", 14.22m));
        var notice = invoice.TaxNotices.ShouldHaveSingleItem();
        (notice.RuleKey, notice.Reason, notice.Detail).ShouldBe(("committed:Emergency911", TaxNoticeReason.CommitDiffers,
            "the tax service committed 1.60 USD for invoice INV-000001 where the invoice bills 1.50 USD: a rate changed between the draft and numbering"));
        var stored = await new ClosedInvoiceDocuments(azurite.Blobs).ReadInvoiceAsync(invoice.JsonDocument!);
        stored.TaxNotices.ShouldBe([notice]);
        var finalized = (await scenarios.EventsAsync(cycle.AccountId)).Single(e => e.Type == DomainEvent.InvoiceFinalized);
        finalized.Data.Deserialize<InvoiceFinalizedData>(BillingJson.Options)!.TaxNotices.ShouldBe([notice]);
        var rows = await new ClosedInvoiceDocuments(azurite.Blobs).ReadPdfRowsAsync(invoice.PdfDocument!);
        rows.ShouldContain(row => row.StartsWith("committed:Emergency911: the tax service committed 1.60 USD", StringComparison.Ordinal));
        service.Transactions("INV-000001").ShouldHaveSingleItem().Committed.ShouldBeTrue();
    }

    private static Task<OwnBillingHost> StartHostAsync(AfcTestServer service, string sequence, string missingRate) =>
        OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), sequence, extraSettings: new Dictionary<string, string?>(service.Settings)
        {
            ["Tax:Avalara:NonTelecomPair"] = "34/106",
            ["Tax:MissingRate"] = missingRate,
            // Long enough for the held status to be seen, short enough for the test.
            ["Tax:ServiceRecheckSeconds"] = "4",
        });
}
