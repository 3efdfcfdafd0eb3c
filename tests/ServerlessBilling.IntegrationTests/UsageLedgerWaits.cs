using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests;

/// <summary>Waiting for the rating queue: polls a host's usage ledger until a period holds the expected calls.</summary>
public static class UsageLedgerWaits
{
    /// <summary>Polls every 200 ms for at most <paramref name="timeout"/> (30 s by default), then asserts the count.</summary>
    public static async Task<IReadOnlyList<RatedUsage>> WaitForUsageAsync(
        this IServiceProvider services, string accountId, BillingPeriod period, int expected, TimeSpan? timeout = null)
    {
        var ledger = services.GetRequiredService<IUsageLedger>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var usage = await ledger.ListAsync(accountId, period, CancellationToken.None);
            if (usage.Count >= expected || DateTime.UtcNow > deadline)
            {
                usage.Count.ShouldBe(expected, $"calls rated for {accountId} in {period}");
                return usage;
            }

            await Task.Delay(200);
        }
    }
}
