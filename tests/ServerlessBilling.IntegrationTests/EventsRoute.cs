using System.Text;
using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.UsageEvents;

namespace ServerlessBilling.IntegrationTests;

/// <summary>Signed deliveries to a local host's <c>events</c> route and that route's counters, as the ingest tests send and read them.</summary>
internal static class EventsRoute
{
    /// <summary>Posts <paramref name="body"/> signed with the host's events secret, or with <paramref name="secret"/> to forge it.</summary>
    public static Task<HttpResponseMessage> PostAsync(LocalHostFixture host, string body, string? secret = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var (at, signature) = UsageEventsWebhook.Sign(secret ?? host.EventsSecret, bytes, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/events") { Content = new ByteArrayContent(bytes) };
        request.Headers.Add(UsageEventsWebhook.TimestampHeader, at);
        request.Headers.Add(UsageEventsWebhook.SignatureHeader, signature);
        return host.Http.SendAsync(request);
    }

    /// <summary>The route's counts summed from <paramref name="daysBack"/> UTC days ago to today.</summary>
    public static async Task<IngestCounts> CountsAsync(LocalHostFixture host, int daysBack = 0)
    {
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var report = await host.Api.GetIngestCountersAsync(
            UsageEventsWebhook.Source, today.PlusDays(-daysBack).ToString("yyyy-MM-dd", null), today.ToString("yyyy-MM-dd", null), CancellationToken.None);
        return report.Totals.SingleOrDefault()?.Counts ?? IngestCounts.None;
    }

    /// <summary>Reads until <paramref name="done"/> holds or 30 s pass, and returns the last value read (the caller asserts it).</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(200);
        }
    }
}
