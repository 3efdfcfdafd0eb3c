using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests;

/// <summary>Waiting for the rating queue: polls a host's usage ledger until a period holds the expected calls and, where a test sent
/// more deliveries than it expects rows, until those deliveries are seen processed too.</summary>
public static class UsageLedgerWaits
{
    /// <summary>Polls every 200 ms for at most <paramref name="timeout"/> (30 s by default) until the period holds exactly
    /// <paramref name="expected"/> calls and <paramref name="settled"/> (when given) holds, then asserts the count. More rows than
    /// expected fail at once: a second charge is never waited away.</summary>
    /// <param name="settled">What shows the remaining deliveries were processed (a duplicate counted, a conflict in quarantine):
    /// without it a redelivery still on the queue would pass unseen.</param>
    public static async Task<IReadOnlyList<RatedUsage>> WaitForUsageAsync(
        this IServiceProvider services, string accountId, BillingPeriod period, int expected, TimeSpan? timeout = null, Func<Task<bool>>? settled = null)
    {
        var ledger = services.GetRequiredService<IUsageLedger>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var usage = await ledger.ListAsync(accountId, period, CancellationToken.None);
            var done = usage.Count == expected && (settled is null || await settled());
            if (done || usage.Count > expected || DateTime.UtcNow > deadline)
            {
                usage.Count.ShouldBe(expected, $"calls rated for {accountId} in {period}");
                if (settled is not null)
                {
                    (await settled()).ShouldBeTrue($"the deliveries for {accountId} were all processed");
                }

                return usage;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Polls the source's quarantine until records whose reference contains <paramref name="marker"/> number <paramref name="count"/>.</summary>
    public static async Task<IReadOnlyList<QuarantinedRecord>> WaitForQuarantineAsync(this IServiceProvider services, string source, string marker, int count)
    {
        var quarantine = services.GetRequiredService<IQuarantine>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var records = (await quarantine.ListAsync(source, CancellationToken.None)).Where(r => r.Reference.Contains(marker, StringComparison.Ordinal)).ToList();
            if (records.Count >= count || DateTime.UtcNow > deadline)
            {
                records.Count.ShouldBe(count, $"records of {source} held for {marker}");
                return records;
            }

            await Task.Delay(200);
        }
    }
}
