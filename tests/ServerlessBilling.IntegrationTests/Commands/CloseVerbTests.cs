using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.LocalHost.Commands;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary>The <c>close</c> verb against a running host: one start, and with --wait the invoice it produced.</summary>
[Collection(AzuriteCollection.Name)]
public class CloseVerbTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task Close_WithWait_StartsOnceAndPrintsTheInvoice()
    {
        var plan = new PricePlan("verb-plan", "Verb", "USD",
            [new PlanVersion(new LocalDate(2025, 1, 1), 12m, 0m, [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute)], new PerCallRounding())]);
        var account = new Account("verb-acct", "Verb Co", plan.Id, new BillingProfile("UTC", 1, "USD"));
        await host.Api.PutPlanAsync(plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var period = BillingPeriod.Containing(BillingPeriod.Containing(today, 1).Start.PlusDays(-1), 1);
        var output = new StringWriter();

        var exit = await CloseCommand.RunAsync(host.Api, [account.Id, period.Key, "--wait"], output, CancellationToken.None);
        var again = await CloseCommand.RunAsync(host.Api, [account.Id, period.Key, "--wait"], output, CancellationToken.None);

        (exit, again).ShouldBe((0, 0));
        var invoices = output.ToString().Split('\n').Where(l => l.StartsWith("INV-", StringComparison.Ordinal)).ToList();
        invoices.Count.ShouldBe(2);
        invoices.Distinct().ShouldHaveSingleItem().ShouldContain(": 12.00 USD"); // the platform fee alone; the second start reused the first close
    }

    [Fact]
    public async Task Close_WithWaitIntoAFileOrPipe_PrintsTheClosesStepsAsLinesApartFromTheResult()
    {
        var plan = new PricePlan("verb-steps-plan", "Verb steps", "USD",
            [new PlanVersion(new LocalDate(2025, 1, 1), 5m, 0m, [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute)], new PerCallRounding())]);
        var account = new Account("verb-steps-acct", "Verb Steps Co", plan.Id, new BillingProfile("UTC", 1, "USD"));
        await host.Api.PutPlanAsync(plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var period = BillingPeriod.Containing(BillingPeriod.Containing(today, 1).Start.PlusDays(-1), 1);
        var id = new CycleRequest(account.Id, period.Key).InstanceId;
        using var first = new StringWriter();
        using var firstProgress = new StringWriter();
        using var again = new StringWriter();
        using var againProgress = new StringWriter();

        await CloseCommand.RunAsync(host.Api, [account.Id, period.Key, "--wait"], first, firstProgress, CancellationToken.None);
        await CloseCommand.RunAsync(host.Api, [account.Id, period.Key, "--wait"], again, againProgress, CancellationToken.None);

        var result = first.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        result.Length.ShouldBe(2);
        (result[0], result[1][..4]).ShouldBe(($"Close {id} started (or already running).", "INV-"));
        var steps = firstProgress.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        (steps[0], steps[^2], steps[^1]).ShouldBe(($"Waiting for close {id}...", "  finalized", $"Waiting for close {id}: done."));
        steps[1..^1].ShouldAllBe(step => step.StartsWith("  ", StringComparison.Ordinal));
        steps[1..^1].Zip(steps[2..^1]).ShouldAllBe(pair => pair.First != pair.Second);
        again.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).ShouldBe(result);
        againProgress.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)
            .ShouldBe([$"Waiting for close {id}...", "  finalized", $"Waiting for close {id}: done."]);
    }
}
