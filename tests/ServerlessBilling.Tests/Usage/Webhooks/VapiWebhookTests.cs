using System.Text;
using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Vapi;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Tests.Usage.Webhooks;

public class VapiWebhookTests
{
    private const string Secret = "vapi-unit-secret";
    private readonly WebhookHarness<VapiWebhook> harness = new(_ => new VapiWebhook(new VapiWebhookOptions(Secret)));

    private const string Report = """
        {"message":{"type":"end-of-call-report","endedReason":"customer-ended-call",
         "startedAt":"2023-11-14T22:11:40.120Z","endedAt":"2023-11-14T22:13:03.480Z","durationSeconds":83.36,"cost":0.1412,
         "call":{"id":"9a1c6f2e-0000-4000-8000-000000000001","type":"inboundPhoneCall","assistantId":"asst_1","phoneCallProviderId":"CA01"},
         "phoneNumber":{"number":"+18885550100"},"customer":{"number":"+13125550142"}}}
        """;

    private Task<Outcome<WebhookReceipt>> PostSignedAsync(string body, long? atMs = null)
    {
        var timestamp = (atMs ?? WebhookHarness<VapiWebhook>.Now * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return harness.PostAsync(body, ("x-timestamp", timestamp), ("x-signature", VapiWebhook.Sign(Secret, Encoding.UTF8.GetBytes(body), timestamp)));
    }

    [Fact]
    public void Sign_ReferenceVector_Matches() =>
        VapiWebhook.Sign("vapi_secret", """{"message":{"type":"end-of-call-report"}}"""u8, "1700000000000")
            .ShouldBe("4a01c34d1e73f1817b7af44111bd4da0688335ad3a875dfd9d961e8d3735382b");

    [Fact]
    public async Task ReceiveAsync_SignedReport_QueuesAiVoiceRoundingStartedSecondsUp()
    {
        (await PostSignedAsync(Report)).Verdict().ShouldBe(WebhookVerdict.Accepted);

        var usage = harness.Queue.Events.ShouldHaveSingleItem();
        usage.EventId.ShouldBe("vapi-9a1c6f2e-0000-4000-8000-000000000001");
        usage.Component.ShouldBe(UsageComponent.AiVoice);
        usage.DurationSeconds.ShouldBe(84);
        usage.StartedAt.ShouldBe(Instant.FromUtc(2023, 11, 14, 22, 11, 40).PlusNanoseconds(120_000_000));
        usage.EndedAt.ShouldBe(Instant.FromUtc(2023, 11, 14, 22, 13, 3).PlusNanoseconds(480_000_000));
        usage.From.ShouldBe("+13125550142");
        usage.To.ShouldBe("+18885550100");
        usage.UpstreamCost.ShouldBe(new Money(0.1412m, "USD"));
        usage.AgentId.ShouldBe("asst_1");
    }

    [Fact]
    public async Task ReceiveAsync_PhoneCallWithTransportCost_CarriesTelephonyAsASecondComponent()
    {
        var report = Report.Replace("\"cost\":0.1412,", "\"cost\":0.1412,\"costBreakdown\":{\"transport\":0.0118,\"stt\":0.0139,\"total\":0.1412},", StringComparison.Ordinal);

        (await PostSignedAsync(report)).Verdict().ShouldBe(WebhookVerdict.Accepted);

        var usage = harness.Queue.Events.ShouldHaveSingleItem();
        (usage.Component, usage.DurationSeconds, usage.UpstreamCost).ShouldBe((UsageComponent.AiVoice, 84, (Money?)new Money(0.1294m, "USD")));
        usage.OtherComponents.ShouldBe([new ComponentUsage(UsageComponent.Telephony, 84, new Money(0.0118m, "USD"))]);
    }

    [Fact]
    public async Task ReceiveAsync_WebCallWithTransportCost_HasNoTelephonyComponent()
    {
        var report = Report.Replace("\"cost\":0.1412,", "\"cost\":0.1412,\"costBreakdown\":{\"transport\":0.0118},", StringComparison.Ordinal)
            .Replace("inboundPhoneCall", "webCall", StringComparison.Ordinal);

        await PostSignedAsync(report);

        harness.Queue.Events.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            u => u.OtherComponents.ShouldBeNull(),
            u => u.UpstreamCost.ShouldBe(new Money(0.1412m, "USD")));
    }

    [Fact]
    public async Task ReceiveAsync_NoDurationSeconds_UsesEndedAtMinusStartedAt()
    {
        await PostSignedAsync(Report.Replace("\"durationSeconds\":83.36,", "", StringComparison.Ordinal));
        harness.Queue.Events.ShouldHaveSingleItem().DurationSeconds.ShouldBe(84);
    }

    [Fact]
    public async Task ReceiveAsync_ForgedSignature_IsUnauthorizedAndStoresNothing()
    {
        var outcome = await harness.PostAsync(Report, ("x-timestamp", "1700000000000"), ("x-signature", VapiWebhook.Sign("wrong", Encoding.UTF8.GetBytes(Report), "1700000000000")));

        outcome.Verdict().ShouldBe(WebhookVerdict.Unauthorized);
        harness.Archive.Names.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReceiveAsync_StaleTimestamp_IsUnauthorized() =>
        (await PostSignedAsync(Report, (WebhookHarness<VapiWebhook>.Now - 600) * 1000)).Verdict().ShouldBe(WebhookVerdict.Unauthorized);

    [Theory]
    [InlineData("shared-secret", WebhookVerdict.Accepted)]
    [InlineData("shared-secreT", WebhookVerdict.Unauthorized)]
    [InlineData("", WebhookVerdict.Unauthorized)]
    public async Task ReceiveAsync_SharedSecretMode_ComparesTheHeader(string presented, WebhookVerdict expected)
    {
        var secretMode = new WebhookHarness<VapiWebhook>(_ => new VapiWebhook(new VapiWebhookOptions("shared-secret", VapiAuthMode.Secret)));
        (await secretMode.PostAsync(Report, ("X-Vapi-Secret", presented))).Verdict().ShouldBe(expected);
    }

    [Theory]
    [InlineData("\"id\":\"9a1c6f2e-0000-4000-8000-000000000001\",", "", "message.call.id")]
    [InlineData("\"startedAt\":\"2023-11-14T22:11:40.120Z\"", "\"startedAt\":\"yesterday\"", "message.startedAt")]
    [InlineData("\"cost\":0.1412", "\"cost\":true", "message.cost")]
    [InlineData("\"inboundPhoneCall\"", "\"carrierPigeon\"", "message.call.type")]
    public async Task ReceiveAsync_MalformedField_IsInvalidNamingIt(string from, string to, string field)
    {
        var outcome = await PostSignedAsync(Report.Replace(from, to, StringComparison.Ordinal));

        outcome.Verdict().ShouldBe(WebhookVerdict.Invalid);
        outcome.Field().ShouldBe(field);
        harness.Archive.Names.ShouldHaveSingleItem();
        harness.Queue.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReceiveAsync_Redelivered_KeepsTheEventId()
    {
        await PostSignedAsync(Report);
        await PostSignedAsync(Report);
        harness.Queue.Events.Select(e => e.EventId).Distinct().ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("customer-busy")]
    [InlineData("customer-did-not-answer")]
    [InlineData("call.start.error-get-org")]
    public async Task ReceiveAsync_NeverConnected_IsAnUnansweredZeroSecondEvent(string reason)
    {
        await PostSignedAsync(Report.Replace("customer-ended-call", reason, StringComparison.Ordinal));

        var usage = harness.Queue.Events.ShouldHaveSingleItem();
        usage.Answered.ShouldBeFalse();
        usage.DurationSeconds.ShouldBe(0);
    }

    [Fact]
    public async Task ReceiveAsync_StatusUpdate_IsIgnored() =>
        (await PostSignedAsync("""{"message":{"type":"status-update","status":"ringing","call":{"id":"c1"}}}""")).Verdict().ShouldBe(WebhookVerdict.Ignored);
}
