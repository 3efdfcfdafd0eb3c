using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests;

/// <summary>The daily check for due closes, run through the local host as the timer function runs it in Azure.</summary>
[Collection(AzuriteCollection.Name)]
public class CycleSchedulingTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan Plan = new("schedule-plan", "Scheduled Voice", "USD",
    [
        new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 10m, NumberFee: 1m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    [Fact]
    public async Task CloseDue_RunTwice_StartsOneCloseAndOneInvoice()
    {
        var account = new Account($"sched-{Guid.NewGuid():N}"[..18], "Scheduled Co", Plan.Id, new BillingProfile("Pacific/Auckland", 3, "USD"));
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        var expected = new CycleRequest(account.Id, DuePeriods.LatestDue(account, SystemClock.Instance.GetCurrentInstant(), Duration.FromHours(24))!.Value.Key);

        // Scoped to this test's account: other tests' accounts on the shared Azurite are neither counted nor started.
        var first = await CloseDueCheck.RunOnceAsync(host.Host.Services, account.Id, CancellationToken.None);
        var second = await CloseDueCheck.RunOnceAsync(host.Host.Services, account.Id, CancellationToken.None);

        (first.Accounts, first.Started.Single(), first.AlreadyStarted, first.NothingDue, first.Failed.Count, first.Skipped.Count).ShouldBe((1, expected, 0, 0, 0, 0));
        (second.Accounts, second.Started.Count, second.AlreadyStarted, second.NothingDue, second.Failed.Count, second.Skipped.Count).ShouldBe((1, 0, 1, 0, 0, 0));
        (first.AwaitingTaxData.Count, second.AwaitingTaxData.Count).ShouldBe((0, 0));
        var invoice = await host.Api.WaitForCloseAsync(expected, TimeSpan.FromMinutes(4), CancellationToken.None);
        invoice.Total.ShouldBe(10.00m);
        var client = host.Host.Services.GetRequiredService<DurableTaskClient>();
        var instances = new List<string>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = $"cycle:{account.Id}:" }))
        {
            instances.Add(instance.InstanceId);
        }

        instances.ShouldBe([expected.InstanceId]);
    }
}
