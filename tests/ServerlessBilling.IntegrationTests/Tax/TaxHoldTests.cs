using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Cycles;
using ServerlessBilling.Events;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.Tax;

namespace ServerlessBilling.IntegrationTests.Tax;

/// <summary>A missing tax rate holds the close before numbering by default, visibly and announced; storing a table that
/// covers the date resumes it by itself, and the invoice takes exactly one number.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TaxHoldTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Close_RateMissing_HeldBeforeNumbering_ThenAnUploadedTableResumesItWithOneNumber()
    {
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), "hold-" + Guid.NewGuid().ToString("N")[..8]);
        var scenarios = new TaxNoticeScenarios(azurite, host);
        var expired = TaxNoticeScenarios.PlatformTax(versions: TaxNoticeScenarios.Version("2020-01-01", "2021-01-01", "\"rate\": 0.01"));
        var covering = TaxNoticeScenarios.PlatformTax(versions: TaxNoticeScenarios.Version("2020-01-01", null, "\"rate\": 0.01"));
        try
        {
            await scenarios.PutTableOkAsync(scenarios.Document(("H", expired)));
            var cycle = await scenarios.StartCloseAsync("H");

            var held = await host.Api.WaitForCloseStatusAsync(cycle, Timeout, s => s.AwaitingTaxData is not null, CancellationToken.None);

            var date = TaxNoticeScenarios.InvoiceDate.ToString("yyyy-MM-dd", null);
            (held.RuntimeStatus, held.CustomStatus, held.Invoice).ShouldBe(("Running", TaxDataHold.Status, null));
            var missing = held.AwaitingTaxData!.Missing.ShouldHaveSingleItem();
            (missing.RuleKey, missing.Reason, missing.Table, missing.Date).ShouldBe((scenarios.Rule("H"), TaxNoticeReason.NoRateForDate, scenarios.Table, date));
            held.TaxNotices.ShouldNotBeNull().ShouldContain(missing);

            var draft = await host.Host.Services.GetRequiredService<IInvoiceStore>().FindAsync(cycle.AccountId, Invoice.IdFor(cycle.AccountId, BillingPeriodOf(cycle)), CancellationToken.None);
            draft.ShouldNotBeNull().Number.ShouldBeNull();
            draft.TaxNotices.ShouldContain(missing);
            var announced = (await scenarios.EventsAsync(cycle.AccountId)).Single(e => e.Type == DomainEvent.CycleAwaitingTaxData);
            announced.Data.Deserialize<CycleAwaitingTaxDataData>(BillingJson.Options)!.Missing.ShouldBe([missing]);

            using var upload = await scenarios.PutTableAsync(scenarios.Document(("H", covering)));
            upload.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await upload.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("closesWoken").GetInt32().ShouldBeGreaterThanOrEqualTo(1);

            var invoice = await host.Api.WaitForCloseAsync(cycle, Timeout, CancellationToken.None);
            (invoice.Number, invoice.Total).ShouldBe(("INV-000001", 12.12m)); // 12.00 platform fee + 1 %
            invoice.TaxNotices.ShouldBeEmpty();
            var status = await host.Api.GetCloseAsync(cycle, CancellationToken.None);
            (status.CustomStatus, status.AwaitingTaxData).ShouldBe(("finalized", null));

            // The hold took no number: the next close gets the next one.
            var next = await scenarios.StartCloseAsync(null);
            (await host.Api.WaitForCloseAsync(next, Timeout, CancellationToken.None)).Number.ShouldBe("INV-000002");
            (await scenarios.EventsAsync(cycle.AccountId)).Count(e => e.Type == DomainEvent.CycleAwaitingTaxData).ShouldBe(1);
        }
        finally
        {
            await scenarios.DeleteTableAsync();
        }
    }

    [Fact]
    public async Task CloseDueCheckAndFreshnessVerb_HeldClose_ListedWithWhatItWaits_AndTheRuleThatRanOut()
    {
        await using var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), "held-" + Guid.NewGuid().ToString("N")[..8]);
        var scenarios = new TaxNoticeScenarios(azurite, host);
        try
        {
            await scenarios.PutTableOkAsync(scenarios.Document(("D", TaxNoticeScenarios.PlatformTax(versions: TaxNoticeScenarios.Version("2020-01-01", "2021-01-01", "\"rate\": 0.01")))));
            var cycle = await scenarios.StartCloseAsync("D");
            await host.Api.WaitForCloseStatusAsync(cycle, Timeout, s => s.AwaitingTaxData is not null, CancellationToken.None);

            var summary = await ServerlessBilling.LocalHost.Hosting.CloseDueCheck.RunOnceAsync(host.Host.Services, CancellationToken.None);

            // The check closes every due account of the shared storage too; ours is among the held ones.
            var listed = summary.AwaitingTaxData.Single(c => c.InstanceId == cycle.InstanceId);
            listed.Hold.Missing.Single().RuleKey.ShouldBe(scenarios.Rule("D"));
            summary.ExpiringTaxRules.ShouldContain(r => r.RuleKey == scenarios.Rule("D") && r.Table == scenarios.Table);

            var output = new StringWriter();
            (await TaxTablesCommand.RunAsync(host.Api, ["freshness", "--horizon-days", "45"], output, CancellationToken.None)).ShouldBe(1);
            output.ToString().ShouldContain($"{scenarios.Table} {scenarios.Rule("D"),-24} ran out on 2021-01-01");
        }
        finally
        {
            await scenarios.DeleteTableAsync();
        }
    }

    private static BillingPeriod BillingPeriodOf(CycleRequest cycle) =>
        BillingPeriod.Containing(NodaTime.Text.LocalDatePattern.Iso.Parse(cycle.PeriodStart).Value, 1);
}
