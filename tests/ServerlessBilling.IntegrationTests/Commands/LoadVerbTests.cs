using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.LocalHost.Bench;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Commands;

/// <summary><c>load --accounts</c> as an operator runs it against a running host: it puts the plan, the accounts and their numbers
/// through the management API, then every delivery it sends is rated to one of those accounts, none quarantined.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LoadVerbTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task Load_WithAccounts_SeedsThemThroughTheApiAndEveryDeliveryIsRated()
    {
        var run = await LocalHostProcess.RunAsync(
        [
            "load", "--url", host.Host.BaseAddress.ToString(), "--secret", host.EventsSecret, "--key", host.ApiKey,
            "--accounts", "3", "--rate", "20", "--count", "12", "--concurrency", "4",
        ]);

        run.ExitCode.ShouldBe(0, run.Errors);
        run.Output.ShouldContain("| 200: 12 |");
        var ids = Regex.Match(run.Output, @"event ids (?<run>load[0-9a-f]{8})-0 on").Groups["run"].Value;
        ids.ShouldNotBeEmpty(run.Output);
        var directory = host.Host.Services.GetRequiredService<IAccountDirectory>();
        for (var i = 0; i < 3; i++)
        {
            (await directory.ListAssignmentsOfAsync(IngestWorkload.Number(i), CancellationToken.None)).ShouldHaveSingleItem().AccountId.ShouldBe($"ingest-{i:D5}");
        }

        // Calls start within the 11 hours before now, in the workload's zone: at most two monthly periods hold them.
        var zone = DateTimeZoneProviders.Tzdb[IngestWorkload.Zone];
        var now = SystemClock.Instance.GetCurrentInstant();
        BillingPeriod[] periods = [.. new[] { now - Duration.FromHours(12), now }.Select(t => BillingPeriod.Containing(t.InZone(zone).Date, 1)).Distinct()];
        var ledger = host.Host.Services.GetRequiredService<IUsageLedger>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        List<(string Account, string EventId)> rated;
        do
        {
            await Task.Delay(250);
            rated = [];
            for (var i = 0; i < 3; i++)
            {
                foreach (var period in periods)
                {
                    rated.AddRange((await ledger.ListAsync($"ingest-{i:D5}", period, CancellationToken.None))
                        .Where(u => u.Event.EventId.StartsWith($"events-{ids}-", StringComparison.Ordinal)).Select(u => (u.AccountId, u.Event.EventId)));
                }
            }
        }
        while (rated.Count < 12 && DateTime.UtcNow < deadline);

        // Delivery k is from account k mod 3; the source names the event id.
        rated.OrderBy(r => r.EventId, StringComparer.Ordinal).ShouldBe(
            Enumerable.Range(0, 12).Select(k => ($"ingest-{k % 3:D5}", $"events-{ids}-{k}")).OrderBy(r => r.Item2, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Load_WithAccountsAndFrom_IsRefusedNamingBoth()
    {
        var run = await LocalHostProcess.RunAsync(["load", "--secret", "s", "--accounts", "3", "--from", "+15550000000"]);

        run.ExitCode.ShouldNotBe(0);
        $"{run.Output}{run.Errors}".ShouldContain("--from and --accounts: give one");
    }
}
