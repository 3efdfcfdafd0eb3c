using System.Text;
using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.UsageEvents;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Tests.Usage.Webhooks;

/// <summary>What the shared intake adds to a source's counters: one increment per delivery, whatever became of it.</summary>
public class WebhookIntakeCountsTests
{
    private const string Secret = "counts-secret";
    private readonly WebhookHarness<UsageEventsWebhook> harness = new(_ => new UsageEventsWebhook(new UsageEventsOptions(Secret)));

    private const string Batch = """
        {"events":[
          {"id":"c-1","startedAt":"2023-11-14T22:00:00Z","durationSeconds":5,"direction":"inbound","from":"+13125550142","to":"+18885550100","component":"Telephony"},
          {"id":"c-2","startedAt":"2023-11-14T22:01:00Z","durationSeconds":9,"direction":"inbound","from":"+13125550143","to":"+18885550100","component":"Telephony"}]}
        """;

    private Task<Outcome<WebhookReceipt>> PostAsync(string body, string secret = Secret)
    {
        var (timestamp, signature) = UsageEventsWebhook.Sign(secret, Encoding.UTF8.GetBytes(body), WebhookHarness<UsageEventsWebhook>.Now);
        return harness.PostAsync(body, (UsageEventsWebhook.TimestampHeader, timestamp), (UsageEventsWebhook.SignatureHeader, signature));
    }

    [Fact]
    public async Task ReceiveAsync_AcceptedBatch_CountsOneDeliveryAndEachQueuedEvent()
    {
        await PostAsync(Batch);

        var increment = harness.Counters.Increments.ShouldHaveSingleItem();
        increment.Source.ShouldBe("events");
        increment.Day.ShouldBe(new LocalDate(2023, 11, 14));
        increment.Counts.ShouldBe(new IngestCounts(Received: 1, Accepted: 1, Queued: 2, Components: 2));
    }

    [Fact]
    public async Task ReceiveAsync_ForgedAndMalformed_AreReceivedAndRejected()
    {
        (await PostAsync(Batch, secret: "forged")).Verdict().ShouldBe(WebhookVerdict.Unauthorized);
        (await PostAsync("""{"events":[{"id":"bad"}]}""")).Verdict().ShouldBe(WebhookVerdict.Invalid);

        harness.Counters.Of("events").ShouldBe(new IngestCounts(Received: 2, Rejected: 2));
        harness.Queue.Events.ShouldBeEmpty();
    }
}
