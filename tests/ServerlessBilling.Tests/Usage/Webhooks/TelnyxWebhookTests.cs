using System.Text;
using NodaTime;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Telnyx;
using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Tests.Usage.Webhooks;

public class TelnyxWebhookTests
{
    private readonly Ed25519PrivateKeyParameters key = new(new SecureRandom());
    private readonly WebhookHarness<TelnyxWebhook> harness;

    public TelnyxWebhookTests() =>
        harness = new(parts => new TelnyxWebhook(new TelnyxWebhookOptions(Convert.ToBase64String(key.GeneratePublicKey().GetEncoded())), parts));

    private const string Initiated = """
        {"data":{"record_type":"event","event_type":"call.initiated","id":"evt-1","occurred_at":"2023-11-14T22:11:40.000Z",
         "payload":{"call_control_id":"v3:abc","call_leg_id":"leg-1","call_session_id":"sess-1","direction":"incoming",
          "from":"+13125550142","to":"+18885550100","start_time":"2023-11-14T22:11:40.000Z","state":"parked"}}}
        """;

    private const string Hangup = """
        {"data":{"record_type":"event","event_type":"call.hangup","id":"evt-2","occurred_at":"2023-11-14T22:13:00.000Z",
         "payload":{"call_control_id":"v3:abc","call_leg_id":"leg-1","call_session_id":"sess-1","from":"+13125550142","to":"+18885550100",
          "start_time":"2023-11-14T22:11:40.000Z","hangup_cause":"normal_clearing"}}}
        """;

    private const string Cost = """
        {"data":{"record_type":"event","event_type":"call.cost","id":"evt-3","occurred_at":"2023-11-14T22:13:02.000Z",
         "payload":{"call_control_id":"v3:abc","call_leg_id":"leg-1","call_session_id":"sess-1","status":"success",
          "total_cost":"0.0140","billed_duration_secs":120,
          "cost_parts":[{"call_part":"call-control","cost":"0.0040","currency":"USD","rate":"0.002","billed_duration_secs":120}]}}}
        """;

    private Task<Outcome<WebhookReceipt>> PostSignedAsync(string body, long? at = null, Ed25519PrivateKeyParameters? signer = null)
    {
        var timestamp = (at ?? WebhookHarness<TelnyxWebhook>.Now).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return harness.PostAsync(body, (TelnyxWebhook.TimestampHeader, timestamp), (TelnyxWebhook.SignatureHeader, Sign(signer ?? key, $"{timestamp}|{body}")));
    }

    private static string Sign(Ed25519PrivateKeyParameters privateKey, string message)
    {
        var signer = new Ed25519Signer();
        signer.Init(forSigning: true, privateKey);
        var bytes = Encoding.UTF8.GetBytes(message);
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return Convert.ToBase64String(signer.GenerateSignature());
    }

    [Fact]
    public void Verify_ReferenceVector_IsAuthentic()
    {
        var source = new TelnyxWebhook(new TelnyxWebhookOptions("A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg="), new InMemoryCallParts());
        var delivery = WebhookHarness<TelnyxWebhook>.Delivery(
            """{"data":{"event_type":"call.hangup","id":"evt_1","payload":{"call_control_id":"v3:abc"}}}""",
            (TelnyxWebhook.TimestampHeader, "1700000000"),
            (TelnyxWebhook.SignatureHeader, "NJ3EEUt1b0iZLTNNZZQsZwGSehS7arOlep/0QtyuSFOxiNat2YeBfsOZuvK6SW1I5zZajmXzYjzSsj94Jo52Bg=="));

        source.Verify(delivery).SignedAt.ShouldBe(Instant.FromUnixTimeSeconds(1_700_000_000));
    }

    [Fact]
    public async Task ReceiveAsync_InitiatedThenCost_QueuesTheJoinedLegOnce()
    {
        (await PostSignedAsync(Initiated)).Verdict().ShouldBe(WebhookVerdict.Ignored);
        (await PostSignedAsync(Hangup)).Verdict().ShouldBe(WebhookVerdict.Ignored);
        (await PostSignedAsync(Cost)).Verdict().ShouldBe(WebhookVerdict.Accepted);

        var usage = harness.Queue.Events.ShouldHaveSingleItem();
        usage.EventId.ShouldBe("telnyx-leg-1");
        usage.Component.ShouldBe(UsageComponent.Telephony);
        usage.Direction.ShouldBe(CallDirection.Inbound);
        usage.From.ShouldBe("+13125550142");
        usage.To.ShouldBe("+18885550100");
        usage.StartedAt.ShouldBe(Instant.FromUtc(2023, 11, 14, 22, 11, 40));
        usage.DurationSeconds.ShouldBe(120);
        usage.Answered.ShouldBeTrue();
        usage.UpstreamCost.ShouldBe(new Money(0.0140m, "USD"));
        harness.Archive.Names.Count.ShouldBe(3);
    }

    [Fact]
    public async Task ReceiveAsync_CostBeforeInitiated_JoinsTheSameLeg()
    {
        (await PostSignedAsync(Cost)).Verdict().ShouldBe(WebhookVerdict.Ignored);
        (await PostSignedAsync(Initiated.Replace("incoming", "outgoing", StringComparison.Ordinal))).Verdict().ShouldBe(WebhookVerdict.Accepted);

        var usage = harness.Queue.Events.ShouldHaveSingleItem();
        usage.Direction.ShouldBe(CallDirection.Outbound);
        usage.CustomerNumber.ShouldBe("+13125550142");
        usage.DurationSeconds.ShouldBe(120);
    }

    [Fact]
    public async Task ReceiveAsync_CostRedelivered_KeepsTheLegsEventId()
    {
        await PostSignedAsync(Initiated);
        await PostSignedAsync(Cost);
        await PostSignedAsync(Cost);

        harness.Queue.Events.Select(e => e.EventId).Distinct().ShouldBe(["telnyx-leg-1"]);
    }

    [Fact]
    public async Task ReceiveAsync_ZeroBilledSeconds_IsAnUnansweredZeroSecondEvent()
    {
        await PostSignedAsync(Initiated);
        await PostSignedAsync(Cost.Replace("\"billed_duration_secs\":120", "\"billed_duration_secs\":0", StringComparison.Ordinal));

        var usage = harness.Queue.Events.ShouldHaveSingleItem();
        usage.Answered.ShouldBeFalse();
        usage.DurationSeconds.ShouldBe(0);
    }

    [Fact]
    public async Task ReceiveAsync_SignedWithAnotherKey_IsUnauthorizedAndStoresNothing()
    {
        var outcome = await PostSignedAsync(Cost, signer: new Ed25519PrivateKeyParameters(new SecureRandom()));

        outcome.Verdict().ShouldBe(WebhookVerdict.Unauthorized);
        harness.Archive.Names.ShouldBeEmpty();
        (await harness.Parts.FindAsync(TelnyxWebhook.Source, "leg-1", TelnyxCallLeg.CostPart, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task ReceiveAsync_StaleTimestamp_IsUnauthorized() =>
        (await PostSignedAsync(Cost, WebhookHarness<TelnyxWebhook>.Now - 301)).Verdict().ShouldBe(WebhookVerdict.Unauthorized);

    [Fact]
    public async Task ReceiveAsync_EmptyPublicKey_RejectsEveryDelivery()
    {
        var open = new WebhookHarness<TelnyxWebhook>(parts => new TelnyxWebhook(new TelnyxWebhookOptions(""), parts));
        (await open.PostAsync(Cost, (TelnyxWebhook.TimestampHeader, "1700000000"), (TelnyxWebhook.SignatureHeader, Sign(key, "1700000000|" + Cost))))
            .Verdict().ShouldBe(WebhookVerdict.Unauthorized);
    }

    [Theory]
    [InlineData("\"billed_duration_secs\":120", "\"billed_duration_secs\":\"two\"", "data.payload.billed_duration_secs")]
    [InlineData("\"total_cost\":\"0.0140\"", "\"total_cost\":\"free\"", "data.payload.total_cost")]
    [InlineData("\"call_leg_id\":\"leg-1\",", "", "data.payload.call_leg_id")]
    public async Task ReceiveAsync_MalformedCost_IsInvalidNamingIt(string from, string to, string field)
    {
        var outcome = await PostSignedAsync(Cost.Replace(from, to, StringComparison.Ordinal));

        outcome.Verdict().ShouldBe(WebhookVerdict.Invalid);
        outcome.Field().ShouldBe(field);
        harness.Archive.Names.ShouldHaveSingleItem();
        harness.Queue.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task ReceiveAsync_InitiatedWithoutDirection_IsInvalidNamingIt() =>
        (await PostSignedAsync(Initiated.Replace("\"direction\":\"incoming\",", "", StringComparison.Ordinal)))
            .Field().ShouldBe("data.payload.direction");

    [Fact]
    public async Task ReceiveAsync_EventWithoutACallLeg_IsIgnored() =>
        (await PostSignedAsync("""{"data":{"event_type":"message.sent","id":"evt-9","payload":{"id":"msg-1"}}}""")).Verdict().ShouldBe(WebhookVerdict.Ignored);
}
