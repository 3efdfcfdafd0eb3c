using System.Text;
using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Retell;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Tests.Usage.Webhooks;

public class RetellWebhookTests
{
    private const string Key = "retell-test-key";
    private readonly WebhookHarness<RetellWebhook> harness = new(_ => new RetellWebhook(new RetellWebhookOptions(Key)));

    private static string CallEnded(string callId = "call_7f3a1c", string envelope = "event", string type = "call_ended") =>
        """
        {"ENVELOPE":"TYPE","call":{"call_id":"CALL_ID","agent_id":"agent_91bd","call_type":"phone_call",
          "direction":"inbound","from_number":"+13125550142","to_number":"+18885550100","call_status":"ended",
          "start_timestamp":1699999900000,"end_timestamp":1699999983000,"duration_ms":83000,"disconnection_reason":"user_hangup",
          "metadata":{"account_id":"acme"},
          "call_cost":{"combined_cost":11.62,"total_duration_seconds":84,"total_duration_unit_price":0.14}}}
        """.Replace("ENVELOPE", envelope, StringComparison.Ordinal).Replace("TYPE", type, StringComparison.Ordinal).Replace("CALL_ID", callId, StringComparison.Ordinal);

    private Task<Outcome<WebhookReceipt>> PostSignedAsync(string body, long? atMs = null) =>
        harness.PostAsync(body, (RetellWebhook.SignatureHeader, RetellWebhook.Sign(Key, Encoding.UTF8.GetBytes(body), atMs ?? WebhookHarness<RetellWebhook>.Now * 1000)));

    [Fact]
    public void Sign_SdkTestVector_MatchesRetell() =>
        RetellWebhook.Sign("test-api-key", """{"event":"call_ended"}"""u8, 1_700_000_000_000)
            .ShouldBe("v=1700000000000,d=07024cabe7dd8f6d1c6e4a8324ca92c812e6ad4a7ee506c04f7e462e3321823e");

    [Fact]
    public void Verify_SdkTestVector_IsAuthentic()
    {
        var source = new RetellWebhook(new RetellWebhookOptions("test-api-key"));
        var delivery = WebhookHarness<RetellWebhook>.Delivery("""{"event":"call_ended"}""",
            (RetellWebhook.SignatureHeader, "v=1700000000000,d=07024cabe7dd8f6d1c6e4a8324ca92c812e6ad4a7ee506c04f7e462e3321823e"));
        source.Verify(delivery).SignedAt.ShouldBe(Instant.FromUnixTimeMilliseconds(1_700_000_000_000));
    }

    [Theory]
    [InlineData("event")]
    [InlineData("event_type")]
    public async Task ReceiveAsync_SignedCallEnded_QueuesAiVoiceBilledFromCallCostInDollars(string envelope)
    {
        var outcome = await PostSignedAsync(CallEnded(envelope: envelope));

        outcome.Verdict().ShouldBe(WebhookVerdict.Accepted);
        var usage = harness.Queue.Events.ShouldHaveSingleItem();
        usage.EventId.ShouldBe("retell-call_7f3a1c");
        usage.Component.ShouldBe(UsageComponent.AiVoice);
        usage.DurationSeconds.ShouldBe(84);
        usage.UpstreamCost.ShouldBe(new Money(0.1162m, "USD"));
        usage.StartedAt.ShouldBe(Instant.FromUnixTimeMilliseconds(1_699_999_900_000));
        usage.EndedAt.ShouldBe(Instant.FromUnixTimeMilliseconds(1_699_999_983_000));
        usage.Direction.ShouldBe(CallDirection.Inbound);
        usage.CustomerNumber.ShouldBe("+18885550100");
        usage.AccountId.ShouldBe("acme");
        usage.AgentId.ShouldBe("agent_91bd");
        harness.Archive.Names.ShouldHaveSingleItem().ShouldStartWith("retell/call_7f3a1c-call_ended-");
    }

    [Fact]
    public async Task ReceiveAsync_TelephonyProductCost_CarriesTelephonyAsASecondComponent()
    {
        var body = CallEnded().Replace("\"total_duration_unit_price\":0.14}",
            "\"total_duration_unit_price\":0.14,\"product_costs\":[{\"product\":\"retell_platform\",\"cost\":7.61},{\"product\":\"telephony\",\"unit_price\":0.025,\"cost\":2.08,\"is_transfer_leg_cost\":false},{\"product\":\"telephony\",\"cost\":1.00,\"is_transfer_leg_cost\":true}]}",
            StringComparison.Ordinal);

        (await PostSignedAsync(body)).Verdict().ShouldBe(WebhookVerdict.Accepted);

        var usage = harness.Queue.Events.ShouldHaveSingleItem();
        (usage.Component, usage.DurationSeconds, usage.UpstreamCost).ShouldBe((UsageComponent.AiVoice, 84, (Money?)new Money(0.0954m, "USD")));
        usage.OtherComponents.ShouldBe([new ComponentUsage(UsageComponent.Telephony, 84, new Money(0.0208m, "USD"))]);
    }

    [Fact]
    public async Task ReceiveAsync_ForgedSignature_IsUnauthorizedAndStoresNothing()
    {
        var body = CallEnded();
        var outcome = await harness.PostAsync(body, (RetellWebhook.SignatureHeader, RetellWebhook.Sign("not-the-key", Encoding.UTF8.GetBytes(body), WebhookHarness<RetellWebhook>.Now * 1000)));

        outcome.Problem!.Kind.ShouldBe(ProblemKind.Unauthorized);
        harness.Archive.Names.ShouldBeEmpty();
        harness.Queue.Events.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task ReceiveAsync_TimestampOutsideFiveMinutes_IsUnauthorized(int secondsFromNow)
    {
        var outcome = await PostSignedAsync(CallEnded(), (WebhookHarness<RetellWebhook>.Now + secondsFromNow) * 1000);

        outcome.Verdict().ShouldBe(WebhookVerdict.Unauthorized);
        harness.Archive.Names.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReceiveAsync_EmptyApiKey_RejectsEveryDelivery()
    {
        var open = new WebhookHarness<RetellWebhook>(_ => new RetellWebhook(new RetellWebhookOptions("")));
        var body = CallEnded();
        var outcome = await open.PostAsync(body, (RetellWebhook.SignatureHeader, RetellWebhook.Sign("", Encoding.UTF8.GetBytes(body), WebhookHarness<RetellWebhook>.Now * 1000)));
        outcome.Verdict().ShouldBe(WebhookVerdict.Unauthorized);
    }

    [Theory]
    [InlineData("\"total_duration_seconds\":84", "\"total_duration_seconds\":\"long\"", "call.call_cost.total_duration_seconds")]
    [InlineData("\"call_id\":\"call_7f3a1c\",", "", "call.call_id")]
    [InlineData("\"direction\":\"inbound\"", "\"direction\":\"sideways\"", "call.direction")]
    [InlineData("\"start_timestamp\":1699999900000,\"end_timestamp\":1699999983000,", "", "call.start_timestamp")]
    public async Task ReceiveAsync_MalformedField_IsInvalidNamingItArchivedAndNotQueued(string from, string to, string field)
    {
        var outcome = await PostSignedAsync(CallEnded().Replace(from, to, StringComparison.Ordinal));

        outcome.Verdict().ShouldBe(WebhookVerdict.Invalid);
        outcome.Field().ShouldBe(field);
        harness.Archive.Names.ShouldHaveSingleItem();
        harness.Queue.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReceiveAsync_NotJson_IsInvalidAtTheRoot()
    {
        var outcome = await PostSignedAsync("call ended");
        outcome.Field().ShouldBe("$");
    }

    [Fact]
    public async Task ReceiveAsync_CallEndedThenAnalyzed_BothCarryTheSameStableEventId()
    {
        await PostSignedAsync(CallEnded());
        await PostSignedAsync(CallEnded(type: "call_analyzed"));
        await PostSignedAsync(CallEnded());

        harness.Queue.Events.Select(e => e.EventId).Distinct().ShouldBe(["retell-call_7f3a1c"]);
    }

    [Fact]
    public async Task ReceiveAsync_CallStarted_IsArchivedAndIgnored()
    {
        var outcome = await PostSignedAsync(CallEnded(type: "call_started"));

        outcome.Verdict().ShouldBe(WebhookVerdict.Ignored);
        harness.Archive.Names.ShouldHaveSingleItem();
        harness.Queue.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReceiveAsync_DialNoAnswer_IsAnUnansweredZeroSecondEvent()
    {
        var body = CallEnded().Replace("\"user_hangup\"", "\"dial_no_answer\"", StringComparison.Ordinal)
            .Replace("\"call_status\":\"ended\"", "\"call_status\":\"not_connected\"", StringComparison.Ordinal)
            .Replace("\"total_duration_seconds\":84", "\"total_duration_seconds\":0", StringComparison.Ordinal);

        (await PostSignedAsync(body)).Verdict().ShouldBe(WebhookVerdict.Accepted);

        var usage = harness.Queue.Events.ShouldHaveSingleItem();
        usage.Answered.ShouldBeFalse();
        usage.DurationSeconds.ShouldBe(0);
    }

    [Fact]
    public async Task ReceiveAsync_ChatEventWithoutACall_IsIgnored() =>
        (await PostSignedAsync("""{"event":"chat_ended","chat":{"chat_id":"chat_1"}}""")).Verdict().ShouldBe(WebhookVerdict.Ignored);
}
