using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Portal;

/// <summary>Two instances of one deployment (two hosts on the same storage with the same signing key) count link redemptions against one
/// allowance: attempts spread over both are refused once the minute's allowance is spent, as they would be on one.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SharedRedemptionLimitTests
{
    private const int PerMinute = 4;

    [Fact]
    public async Task Redemption_SpreadOverTwoHosts_SharesOneAllowance()
    {
        await AzuriteLauncher.EnsureRunningAsync(AzuriteFixture.Options, RepositoryRoot.Find(), TextWriter.Null, CancellationToken.None);
        var settings = new Dictionary<string, string?>
        {
            ["Portal:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["Portal:RedemptionsPerMinute"] = PerMinute.ToString(CultureInfo.InvariantCulture),
        };
        await using var first = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), CloseDriver.UniqueId("redeem-a"), extraSettings: settings);
        await using var second = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), CloseDriver.UniqueId("redeem-b"), extraSettings: settings);
        using var toFirst = new HttpClient { BaseAddress = first.Host.BaseAddress };
        using var toSecond = new HttpClient { BaseAddress = second.Host.BaseAddress };

        while (true)
        {
            // A fixed window: a run that crossed a minute boundary proves nothing, so it is run again from a new address.
            var address = $"2001:db8::{RandomNumberGenerator.GetInt32(1, 0xffff):x}:{RandomNumberGenerator.GetInt32(1, 0xffff):x}";
            var minute = DateTime.UtcNow.Minute;
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i <= PerMinute; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "api/portal/enter?token=guess");
                request.Headers.Add("X-Forwarded-For", address);
                using var response = await (i % 2 == 0 ? toFirst : toSecond).SendAsync(request);
                statuses.Add(response.StatusCode);
            }

            if (DateTime.UtcNow.Minute == minute)
            {
                // Each host alone saw at most 3 attempts, under its allowance of 4: only a shared count refuses the fifth.
                statuses.ShouldBe([.. Enumerable.Repeat(HttpStatusCode.Forbidden, PerMinute), HttpStatusCode.TooManyRequests]);
                return;
            }
        }
    }
}
