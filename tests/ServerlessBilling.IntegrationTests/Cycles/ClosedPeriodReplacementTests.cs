using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>
/// A vendor redelivers a call of a closed period with another duration, and a person chooses the redelivery: the final invoice
/// stands, a longer call's difference lands as an adjustment on the next invoice and a shorter one's as a credit note, a repeated
/// decision changes nothing, and a later re-rating of the period finds nothing left to settle.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class ClosedPeriodReplacementTests(AzuriteFixture azurite)
{
    private static readonly BillingPeriod June = ClosedJune.June;
    private static readonly BillingPeriod July = ClosedJune.July;
    private static readonly BillingPeriod August = ClosedJune.August;

    private readonly ClosedInvoiceDocuments documents = new(azurite.Blobs);
    private readonly string planId = CloseDriver.UniqueId("swap-voice");

    [Fact]
    public async Task Replace_AfterTheInvoiceIsFinal_SettlesTheExactDifferenceOnTheNextInvoiceOrAsACreditNote()
    {
        var (longer, shorter) = ("CA" + Guid.NewGuid().ToString("N"), "CA" + Guid.NewGuid().ToString("N"));
        // 125 s: 3 min, 0.30; 61 s: 2 min, 0.20.
        await using var closed = await ClosedJune.StartAsync(ClosedJune.Plan(planId, "Swap Voice", 0.10m), "Swap Clinic", (125, longer), (61, shorter));
        var (host, account, number, june) = (closed.Host, closed.Account, closed.Number, closed.Invoice);

        // The vendor's corrected record of the first call: 245 s, 5 min, 0.50; 0.20 more than billed.
        await host.Driver.PostInboundCallAsync(number, new LocalDate(2025, 6, 10), 245, longer);
        var conflict = (await host.Host.Services.WaitForQuarantineAsync("twilio", longer, 1)).Single();
        var replaced = await host.Api.ResolveQuarantineAsync("twilio", new HoldDecision(conflict.Reference, HoldAction.Replace), CancellationToken.None);
        using var repeated = await ResolveAsync(host, conflict.Reference);
        var july = await host.Driver.CloseAsync(new CycleRequest(account.Id, July.Key));

        (june.Number, june.Total).ShouldBe(("INV-000001", 20.50m));
        var runId = "replace-" + conflict.Reference[(conflict.Reference.LastIndexOf(':') + 1)..];
        (replaced.Outcome, replaced.Settlement).ShouldBe((EventOutcome.Recorded, new ClosedPeriodSettlement(0.20m, $"rerate:{account.Id}:{June.Key}:{runId}", null)));
        repeated.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await documents.ReadInvoiceAsync(june.JsonDocument!)).Total.Amount.ShouldBe(20.50m); // the final invoice stands
        var julyInvoice = await documents.ReadInvoiceAsync(july.JsonDocument!);
        julyInvoice.Lines.Select(l => (l.Category, l.Amount.Amount)).ShouldBe(
            [(LineCategory.PlatformFee, 20.00m), (LineCategory.Adjustments, 0.20m)]);
        (july.Number, july.Total).ShouldBe(("INV-000002", 20.20m));
        (await host.Api.ListQuarantineAsync("twilio", CancellationToken.None)).ShouldNotContain(r => r.Reference.Contains(longer, StringComparison.Ordinal));
        var chosen = (await host.Host.Services.WaitForUsageAsync(account.Id, June, 2)).Single(u => u.Event.SourceRecordId == longer);
        chosen.Event.DurationSeconds.ShouldBe(245);
        // The claim names the replacement, never the delivery that claimed first (that delivery finished; see FinishedBatches).
        (await host.Host.Services.GetRequiredService<IEventIdentities>().FindAsync(chosen.Event.Identity, CancellationToken.None))!.Delivery
            .ShouldBe(IdentityClaim.ReplacedBy(runId));

        // The second call was shorter than billed: 30 s, 1 min, 0.10 against 0.20: 0.10 back as a credit note.
        await host.Driver.PostInboundCallAsync(number, new LocalDate(2025, 6, 12), 30, shorter);
        var lower = (await host.Host.Services.WaitForQuarantineAsync("twilio", shorter, 1)).Single();
        var credited = await host.Api.ResolveQuarantineAsync("twilio", new HoldDecision(lower.Reference, HoldAction.Replace), CancellationToken.None);
        var august = await host.Driver.CloseAsync(new CycleRequest(account.Id, August.Key));

        credited.Settlement.ShouldBe(new ClosedPeriodSettlement(-0.10m, null, "CN-000001"));
        var note = (await host.Api.ListCreditNotesAsync(account.Id, Invoice.IdFor(account.Id, June), CancellationToken.None)).ShouldHaveSingleItem();
        (note.InvoiceNumber, note.Total.Amount).ShouldBe(("INV-000001", 0.10m));
        // June is still open, so the note lowers its balance and nothing is carried to August.
        var juneHistory = (await host.Api.GetInvoiceAsync(account.Id, Invoice.IdFor(account.Id, June), CancellationToken.None)).Payments!;
        (juneHistory.Total - juneHistory.BalanceDue).ShouldBe(0.10m);
        (august.Number, august.Total).ShouldBe(("INV-000003", 20.00m));

        // A plan correction after both replacements re-rates the versions now billed: nothing is left to settle.
        var rerate = await host.Api.RerateAsync(new CycleRequest(account.Id, June.Key), "after-replacements", CancellationToken.None);
        rerate.Settlement!.Settled.ShouldBe(0m);
    }

    private static async Task<HttpResponseMessage> ResolveAsync(OwnBillingHost host, string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/quarantine/twilio/resolve")
        {
            Content = JsonContent.Create(new { reference, action = "replace" }),
        };
        request.Headers.Add("x-functions-key", host.ApiKey);
        return await host.Http.SendAsync(request);
    }
}
