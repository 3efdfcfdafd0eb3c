using System.Globalization;
using System.Net;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>Drives a close through a running local host as a reseller would: seeds over the API, posts signed
/// Twilio callbacks, waits for rating, starts the close and polls it to the end.</summary>
internal sealed class CloseDriver(BillingHost host, BillingApiClient api, string twilioToken)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public BillingApiClient Api => api;

    /// <summary>A fresh id per test, so tests sharing the Azurite never meet.</summary>
    public static string UniqueId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 11)];

    /// <summary>A fresh number per test, in an area code no other test uses (505, New Mexico, unless told).</summary>
    public static string UniqueNumber(string areaCode = "505") =>
        "+1" + areaCode + Random.Shared.Next(2_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);

    public async Task SeedAsync(PricePlan plan, Account account, params NumberAssignment[] numbers)
    {
        await api.PutPlanAsync(plan, CancellationToken.None);
        await api.PutAccountAsync(account, CancellationToken.None);
        foreach (var number in numbers)
        {
            await api.AssignNumberAsync(number, CancellationToken.None);
        }
    }

    /// <summary>A completed inbound call to <paramref name="to"/> that ended at noon UTC on <paramref name="day"/>.</summary>
    /// <param name="callSid">The call's id, to deliver one call again; a fresh one when null.</param>
    /// <param name="from">The caller; a Denver number when null.</param>
    public async Task PostInboundCallAsync(string to, LocalDate day, int seconds, string? callSid = null, string? from = null)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("CallSid", callSid ?? "CA" + Guid.NewGuid().ToString("N")),
            new("CallStatus", "completed"),
            new("CallDuration", seconds.ToString(CultureInfo.InvariantCulture)),
            new("Direction", "inbound"),
            new("From", from ?? "+13035550901"),
            new("To", to),
            new("Timestamp", day.At(new LocalTime(12, 0)).InUtc().ToDateTimeOffset().ToString("r", CultureInfo.InvariantCulture)),
        };
        using var response = await api.PostTwilioCallbackAsync(form, twilioToken, host.BaseAddress, CancellationToken.None);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public Task WaitForUsageAsync(string accountId, BillingPeriod period, int expected) =>
        host.Services.WaitForUsageAsync(accountId, period, expected, Timeout);

    public async Task<InvoiceSummary> CloseAsync(CycleRequest cycle)
    {
        await api.StartCloseAsync(cycle, CancellationToken.None);
        return await api.WaitForCloseAsync(cycle, Timeout, CancellationToken.None);
    }
}
