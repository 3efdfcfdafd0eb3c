using System.Text;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.ElevenLabs;
using ServerlessBilling.Usage.UsageEvents;
using ServerlessBilling.Usage.Vapi;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Tests.Usage.Webhooks;

/// <summary>The rules every vendor gets from the shared intake: the replay window and empty secrets.</summary>
public class WebhookIntakeTests
{
    private const string Body = """{"id":"t-1","startedAt":"2023-11-14T22:00:00Z","durationSeconds":5,"direction":"inbound","from":"+13125550142","to":"+18885550100","component":"Telephony"}""";

    [Theory]
    [InlineData(59, WebhookVerdict.Accepted)]
    [InlineData(61, WebhookVerdict.Unauthorized)]
    public async Task ReceiveAsync_ConfiguredTolerance_BoundsTheSignedTimestamp(int secondsOld, WebhookVerdict expected)
    {
        var queue = new InMemoryRatingQueue();
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var intake = new WebhookIntake<UsageEventsWebhook>(
            new UsageEventsWebhook(new UsageEventsOptions("k")), new WebhookTolerance(Duration.FromMinutes(1)), PhoneRegion.Default, new InMemoryArchive(clock), new WebhookHandoff(queue, new InMemoryIngestCounters(), WebhookGrouping.OneAtATime), clock);
        var (timestamp, signature) = UsageEventsWebhook.Sign("k", Encoding.UTF8.GetBytes(Body), 1_700_000_000 - secondsOld);

        var outcome = await intake.ReceiveAsync(
            WebhookHarness<UsageEventsWebhook>.Delivery(Body, (UsageEventsWebhook.TimestampHeader, timestamp), (UsageEventsWebhook.SignatureHeader, signature)),
            CancellationToken.None);

        outcome.Verdict().ShouldBe(expected);
    }

    [Fact]
    public void Verify_EmptySecrets_RejectEveryDelivery()
    {
        var bytes = Encoding.UTF8.GetBytes(Body);
        var (timestamp, signature) = UsageEventsWebhook.Sign("", bytes, 1_700_000_000);
        new UsageEventsWebhook(new UsageEventsOptions("")).Verify(WebhookHarness<UsageEventsWebhook>.Delivery(
            Body, (UsageEventsWebhook.TimestampHeader, timestamp), (UsageEventsWebhook.SignatureHeader, signature))).IsAuthentic.ShouldBeFalse();
        new ElevenLabsWebhook(new ElevenLabsWebhookOptions("")).Verify(WebhookHarness<ElevenLabsWebhook>.Delivery(
            Body, (ElevenLabsWebhook.SignatureHeader, ElevenLabsWebhook.Sign("", bytes, 1_700_000_000)))).IsAuthentic.ShouldBeFalse();
        new VapiWebhook(new VapiWebhookOptions("")).Verify(WebhookHarness<VapiWebhook>.Delivery(
            Body, ("x-timestamp", "1700000000"), ("x-signature", VapiWebhook.Sign("", bytes, "1700000000")))).IsAuthentic.ShouldBeFalse();
        new VapiWebhook(new VapiWebhookOptions("", VapiAuthMode.Secret)).Verify(WebhookHarness<VapiWebhook>.Delivery(
            Body, ("X-Vapi-Secret", ""))).IsAuthentic.ShouldBeFalse();
    }

    [Theory]
    [InlineData("0123")]
    [InlineData("zz")]
    [InlineData(null)]
    public void HexEquals_MalformedHex_IsNotEqual(string? received) =>
        WebhookSignatures.HexEquals([0x01, 0x23, 0x45], received).ShouldBeFalse();

    [Fact]
    public void FormFields_Parse_DecodesPlusAndPercentAndKeepsOrder() =>
        FormFields.Parse("b=%2B1+415&a=x%26y&empty="u8).ShouldBe(
            [KeyValuePair.Create("b", "+1 415"), KeyValuePair.Create("a", "x&y"), KeyValuePair.Create("empty", "")]);
}
