using System.Text;
using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.ElevenLabs;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Tests.Usage.Webhooks;

public class ElevenLabsWebhookTests
{
    private const string Secret = "wsec_unit_test";
    private readonly WebhookHarness<ElevenLabsWebhook> harness = new(_ => new ElevenLabsWebhook(new ElevenLabsWebhookOptions(Secret)));

    private const string PostCall = """
        {"type":"post_call_transcription","event_timestamp":1700000000,
         "data":{"agent_id":"agent_01jc","conversation_id":"conv_01jd","status":"done",
          "metadata":{"start_time_unix_secs":1699999900,"accepted_time_unix_secs":1699999902,"call_duration_secs":83,"cost":664,"cost_fiat":0.1383,
            "phone_call":{"type":"twilio","direction":"inbound","agent_number":"+18885550100","external_number":"+13125550142"}},
          "conversation_initiation_client_data":{"dynamic_variables":{"account_id":"acme"}}}}
        """;

    private Task<Outcome<WebhookReceipt>> PostSignedAsync(string body, long? at = null) =>
        harness.PostAsync(body, (ElevenLabsWebhook.SignatureHeader, ElevenLabsWebhook.Sign(Secret, Encoding.UTF8.GetBytes(body), at ?? WebhookHarness<ElevenLabsWebhook>.Now)));

    [Fact]
    public void Sign_ReferenceVector_Matches() =>
        ElevenLabsWebhook.Sign("wsec_test_123", """{"type":"post_call_transcription","event_timestamp":1700000000,"data":{"conversation_id":"conv_1"}}"""u8, 1_700_000_000)
            .ShouldBe("t=1700000000,v0=40755d06ba80006ffa797d380a569219144a7c1ba4d9a849c93e6534f713717a");

    [Fact]
    public async Task ReceiveAsync_SignedPostCall_QueuesAiVoiceWithFiatCost()
    {
        (await PostSignedAsync(PostCall)).Verdict().ShouldBe(WebhookVerdict.Accepted);

        var usage = harness.Queue.Events.ShouldHaveSingleItem();
        usage.EventId.ShouldBe("elevenlabs-conv_01jd");
        usage.Component.ShouldBe(UsageComponent.AiVoice);
        usage.DurationSeconds.ShouldBe(83);
        usage.StartedAt.ShouldBe(Instant.FromUnixTimeSeconds(1_699_999_900));
        usage.AnsweredAt.ShouldBe(Instant.FromUnixTimeSeconds(1_699_999_902));
        usage.From.ShouldBe("+13125550142");
        usage.To.ShouldBe("+18885550100");
        usage.AgentId.ShouldBe("agent_01jc");
        usage.UpstreamCost.ShouldBe(new Money(0.1383m, "USD"));
        usage.AccountId.ShouldBe("acme");
        usage.Answered.ShouldBeTrue();
    }

    [Fact]
    public async Task ReceiveAsync_OutboundCall_TheAgentNumberIsTheCaller()
    {
        await PostSignedAsync(PostCall.Replace("\"inbound\"", "\"outbound\"", StringComparison.Ordinal));

        var usage = harness.Queue.Events.ShouldHaveSingleItem();
        usage.Direction.ShouldBe(CallDirection.Outbound);
        usage.CustomerNumber.ShouldBe("+18885550100");
    }

    [Fact]
    public async Task ReceiveAsync_ForgedSignature_IsUnauthorizedAndStoresNothing()
    {
        var outcome = await harness.PostAsync(PostCall, (ElevenLabsWebhook.SignatureHeader, ElevenLabsWebhook.Sign("other", Encoding.UTF8.GetBytes(PostCall), WebhookHarness<ElevenLabsWebhook>.Now)));

        outcome.Verdict().ShouldBe(WebhookVerdict.Unauthorized);
        harness.Archive.Names.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReceiveAsync_TamperedBody_IsUnauthorized()
    {
        var signature = ElevenLabsWebhook.Sign(Secret, Encoding.UTF8.GetBytes(PostCall), WebhookHarness<ElevenLabsWebhook>.Now);
        var outcome = await harness.PostAsync(PostCall.Replace("83", "8", StringComparison.Ordinal), (ElevenLabsWebhook.SignatureHeader, signature));
        outcome.Verdict().ShouldBe(WebhookVerdict.Unauthorized);
    }

    [Fact]
    public async Task ReceiveAsync_SignedHalfAnHourAgo_IsUnauthorized() =>
        (await PostSignedAsync(PostCall, WebhookHarness<ElevenLabsWebhook>.Now - 1800)).Verdict().ShouldBe(WebhookVerdict.Unauthorized);

    [Theory]
    [InlineData("\"call_duration_secs\":83", "\"call_duration_secs\":-1", "data.metadata.call_duration_secs")]
    [InlineData("\"conversation_id\":\"conv_01jd\",", "", "data.conversation_id")]
    [InlineData("\"start_time_unix_secs\":1699999900,", "", "data.metadata.start_time_unix_secs")]
    [InlineData("\"cost_fiat\":0.1383", "\"cost_fiat\":\"cheap\"", "data.metadata.cost_fiat")]
    public async Task ReceiveAsync_MalformedField_IsInvalidNamingIt(string from, string to, string field)
    {
        var outcome = await PostSignedAsync(PostCall.Replace(from, to, StringComparison.Ordinal));

        outcome.Verdict().ShouldBe(WebhookVerdict.Invalid);
        outcome.Field().ShouldBe(field);
        harness.Archive.Names.ShouldHaveSingleItem();
        harness.Queue.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReceiveAsync_Redelivered_KeepsTheEventId()
    {
        await PostSignedAsync(PostCall);
        await PostSignedAsync(PostCall);

        harness.Queue.Events.Select(e => e.EventId).Distinct().ShouldBe(["elevenlabs-conv_01jd"]);
    }

    [Fact]
    public async Task ReceiveAsync_CallInitiationFailure_IsAnUnansweredZeroSecondEvent()
    {
        const string failure = """{"type":"call_initiation_failure","event_timestamp":1699999990,"data":{"agent_id":"agent_01jc","conversation_id":"conv_02","failure_reason":"busy"}}""";

        (await PostSignedAsync(failure)).Verdict().ShouldBe(WebhookVerdict.Accepted);

        var usage = harness.Queue.Events.ShouldHaveSingleItem();
        usage.Answered.ShouldBeFalse();
        usage.DurationSeconds.ShouldBe(0);
        usage.StartedAt.ShouldBe(Instant.FromUnixTimeSeconds(1_699_999_990));
    }

    [Fact]
    public async Task ReceiveAsync_PostCallAudio_IsIgnored() =>
        (await PostSignedAsync("""{"type":"post_call_audio","event_timestamp":1700000000,"data":{"conversation_id":"conv_01jd","full_audio":"AAAA"}}"""))
            .Verdict().ShouldBe(WebhookVerdict.Ignored);
}
