using System.Text;
using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.UsageEvents;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Tests.Usage.Webhooks;

public class UsageEventsWebhookTests
{
    private const string Secret = "events-unit-secret";
    private readonly WebhookHarness<UsageEventsWebhook> harness = new(_ => new UsageEventsWebhook(new UsageEventsOptions(Secret)));

    private const string One = """
        {"id":"call-1001","startedAt":"2023-11-14T23:11:40+01:00","durationSeconds":95,"direction":"outbound",
         "from":"+13125550142","to":"+18885550100","component":"AiVoice","answered":true,"cost":0.042,"currency":"usd",
         "accountId":"acme","agentId":"front-desk"}
        """;

    private static string Batch(int count) =>
        "{\"events\":[" + string.Join(',', Enumerable.Range(1, count).Select(i =>
            $"{{\"id\":\"b-{i}\",\"startedAt\":\"2023-11-14T22:00:00Z\",\"durationSeconds\":{i},\"direction\":\"inbound\",\"from\":\"+13125550142\",\"to\":\"+18885550100\",\"component\":\"Telephony\"}}")) + "]}";

    private Task<Outcome<WebhookReceipt>> PostSignedAsync(string body, long? at = null, string secret = Secret)
    {
        var (timestamp, signature) = UsageEventsWebhook.Sign(secret, Encoding.UTF8.GetBytes(body), at ?? WebhookHarness<UsageEventsWebhook>.Now);
        return harness.PostAsync(body, (UsageEventsWebhook.TimestampHeader, timestamp), (UsageEventsWebhook.SignatureHeader, signature));
    }

    [Fact]
    public async Task ReceiveAsync_OneSignedEvent_QueuesItWithThePrefixedId()
    {
        (await PostSignedAsync(One)).Verdict().ShouldBe(WebhookVerdict.Accepted);

        var usage = harness.Queue.Events.ShouldHaveSingleItem();
        usage.EventId.ShouldBe("events-call-1001");
        usage.StartedAt.ShouldBe(Instant.FromUtc(2023, 11, 14, 22, 11, 40));
        usage.DurationSeconds.ShouldBe(95);
        usage.Direction.ShouldBe(CallDirection.Outbound);
        usage.Component.ShouldBe(UsageComponent.AiVoice);
        usage.UpstreamCost.ShouldBe(new Money(0.042m, "USD"));
        usage.AccountId.ShouldBe("acme");
        usage.AgentId.ShouldBe("front-desk");
    }

    [Fact]
    public async Task ReceiveAsync_AnsweredAndEndedAt_AreKeptAsUtcInstants()
    {
        var body = One.Replace("\"durationSeconds\":95,", "\"durationSeconds\":95,\"answeredAt\":\"2023-11-14T23:11:44+01:00\",\"endedAt\":\"2023-11-14T22:13:19Z\",", StringComparison.Ordinal);

        (await PostSignedAsync(body)).Verdict().ShouldBe(WebhookVerdict.Accepted);

        var usage = harness.Queue.Events.ShouldHaveSingleItem();
        (usage.AnsweredAt, usage.EndedAt).ShouldBe((Instant.FromUtc(2023, 11, 14, 22, 11, 44), Instant.FromUtc(2023, 11, 14, 22, 13, 19)));
    }

    [Fact]
    public async Task ReceiveAsync_Components_AreFurtherPartsOfTheCallInTheEventsCurrency()
    {
        var body = One.Replace("\"agentId\":\"front-desk\"", "\"agentId\":\"front-desk\",\"components\":[{\"component\":\"Telephony\",\"durationSeconds\":96,\"cost\":0.008}]", StringComparison.Ordinal);

        (await PostSignedAsync(body)).Verdict().ShouldBe(WebhookVerdict.Accepted);

        harness.Queue.Events.ShouldHaveSingleItem().OtherComponents.ShouldBe([new ComponentUsage(UsageComponent.Telephony, 96, new Money(0.008m, "USD"))]);
    }

    [Theory]
    [InlineData("""[{"component":"AiVoice","durationSeconds":5}]""", "components[0].component")]
    [InlineData("""[{"durationSeconds":5}]""", "components[0].component")]
    [InlineData("""[{"component":"Telephony"}]""", "components[0].durationSeconds")]
    [InlineData("""{"component":"Telephony"}""", "components")]
    public async Task ReceiveAsync_BadComponents_IsInvalidNamingTheField(string components, string field)
    {
        var body = One.Replace("\"agentId\":\"front-desk\"", "\"agentId\":\"front-desk\",\"components\":" + components, StringComparison.Ordinal);

        var outcome = await PostSignedAsync(body);

        (outcome.Verdict(), outcome.Field()).ShouldBe((WebhookVerdict.Invalid, field));
    }

    [Fact]
    public async Task ReceiveAsync_Batch_QueuesEveryEventInOneMessage()
    {
        (await PostSignedAsync(Batch(3))).Verdict().ShouldBe(WebhookVerdict.Accepted);
        harness.Queue.Events.Select(e => e.EventId).ShouldBe(["events-b-1", "events-b-2", "events-b-3"]);
    }

    [Fact]
    public async Task ReceiveAsync_MoreThanMaxEvents_IsTooLargeAndQueuesNothing()
    {
        var outcome = await PostSignedAsync(Batch(UsageEventBatch.MaxEvents + 1));

        outcome.Verdict().ShouldBe(WebhookVerdict.TooLarge);
        harness.Queue.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReceiveAsync_ForgedSignature_IsUnauthorizedAndStoresNothing()
    {
        (await PostSignedAsync(One, secret: "guess")).Verdict().ShouldBe(WebhookVerdict.Unauthorized);
        harness.Archive.Names.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReceiveAsync_StaleTimestamp_IsUnauthorized() =>
        (await PostSignedAsync(One, WebhookHarness<UsageEventsWebhook>.Now - 301)).Verdict().ShouldBe(WebhookVerdict.Unauthorized);

    [Theory]
    [InlineData("\"durationSeconds\":95", "\"durationSeconds\":\"long\"", "durationSeconds")]
    [InlineData("\"startedAt\":\"2023-11-14T23:11:40+01:00\"", "\"startedAt\":\"2023-11-14 23:11\"", "startedAt")]
    [InlineData("\"component\":\"AiVoice\"", "\"component\":\"Fax\"", "component")]
    [InlineData("\"currency\":\"usd\",", "", "currency")]
    [InlineData("\"id\":\"call-1001\",", "", "id")]
    [InlineData("\"durationSeconds\":95,", "\"durationSeconds\":95,\"endedAt\":\"tomorrow\",", "endedAt")]
    public async Task ReceiveAsync_MalformedField_IsInvalidNamingIt(string from, string to, string field)
    {
        var outcome = await PostSignedAsync(One.Replace(from, to, StringComparison.Ordinal));

        outcome.Verdict().ShouldBe(WebhookVerdict.Invalid);
        outcome.Field().ShouldBe(field);
        harness.Archive.Names.ShouldHaveSingleItem();
        harness.Queue.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReceiveAsync_BadEventInABatch_NamesItsIndexAndQueuesNothing()
    {
        var outcome = await PostSignedAsync(Batch(3).Replace("\"durationSeconds\":2", "\"durationSeconds\":-2", StringComparison.Ordinal));

        outcome.Field().ShouldBe("events[1].durationSeconds");
        harness.Queue.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReceiveAsync_Resent_KeepsTheEventIds()
    {
        await PostSignedAsync(Batch(2));
        await PostSignedAsync(Batch(2));
        harness.Queue.Events.Select(e => e.EventId).Distinct().ShouldBe(["events-b-1", "events-b-2"]);
    }

    [Fact]
    public async Task ReceiveAsync_NotAnswered_IsZeroSecondsWhateverTheDuration()
    {
        await PostSignedAsync(One.Replace("\"answered\":true", "\"answered\":false", StringComparison.Ordinal));

        var usage = harness.Queue.Events.ShouldHaveSingleItem();
        usage.Answered.ShouldBeFalse();
        usage.DurationSeconds.ShouldBe(0);
    }
}
