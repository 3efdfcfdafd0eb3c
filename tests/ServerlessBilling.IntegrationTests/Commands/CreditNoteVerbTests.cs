using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>The <c>credit-note</c> verb against a running host: the same command twice issues one note, <c>list</c> shows it.</summary>
[Collection(AzuriteCollection.Name)]
public class CreditNoteVerbTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task CreditNote_SameCommandTwice_IssuesOneNoteAndListShowsIt()
    {
        var plan = new PricePlan(CloseDriver.UniqueId("plan"), "Verb Credit", "USD",
            [new PlanVersion(new LocalDate(2025, 1, 1), 12m, 0m, [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute)], new PerCallRounding())]);
        var account = new Account(CloseDriver.UniqueId("verbcn"), "Verb Credit Co", plan.Id, new BillingProfile("UTC", 1, "USD"));
        await host.Api.PutPlanAsync(plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        var cycle = new CycleRequest(account.Id, "2025-06-01");
        await host.Api.StartCloseAsync(cycle, CancellationToken.None);
        var invoice = await host.Api.WaitForCloseAsync(cycle, TimeSpan.FromMinutes(1), CancellationToken.None);
        var output = new StringWriter();
        string[] issue = [account.Id, invoice.InvoiceId, "--reason", "Goodwill", "--amount", "2.00"];

        var first = await CreditNoteCommand.RunAsync(host.Api, issue, output, CancellationToken.None);
        var second = await CreditNoteCommand.RunAsync(host.Api, issue, output, CancellationToken.None);
        var list = await CreditNoteCommand.RunAsync(host.Api, ["list", account.Id, invoice.InvoiceId], output, CancellationToken.None);

        (first, second, list).ShouldBe((0, 0, 0));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(3);
        lines[0].ShouldStartWith("CN-");
        lines[0].ShouldContain($": 2.00 USD credited on {invoice.Number}");
        lines[1].ShouldBe(lines[0]); // the same note, not a second one
        lines[2].ShouldStartWith(lines[0].Split(':')[0] + " ");
        lines[2].ShouldEndWith("2.00 USD: Goodwill");
    }
}
