using System.Globalization;
using System.Net;
using System.Text;
using NodaTime;
using Org.BouncyCastle.Crypto.Signers;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.ElevenLabs;
using ServerlessBilling.Usage.Retell;
using ServerlessBilling.Usage.Telnyx;
using ServerlessBilling.Usage.UsageEvents;
using ServerlessBilling.Usage.Vapi;

namespace ServerlessBilling.IntegrationTests;

/// <summary>Each vendor's webhook through the local host over HTTP: a signed delivery is rated into the usage ledger, a forged one is refused.</summary>
[Collection(AzuriteCollection.Name)]
public class WebhookTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan Plan = new("webhook-plan", "Voice Agents", "USD",
    [
        new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 10m, NumberFee: 1m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute),
            new UsageRate(UsageComponent.Telephony, CallDirection.Outbound, 0.02m, BillingIncrement.PerMinute),
            new UsageRate(UsageComponent.AiVoice, CallDirection.Inbound, 0.10m, BillingIncrement.PerMinute),
            new UsageRate(UsageComponent.AiVoice, CallDirection.Outbound, 0.12m, BillingIncrement.PerMinute),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Fact]
    public async Task Retell_SignedCallEnded_IsRatedAndForgedIs401()
    {
        var (number, day) = await SeedAsync("wh-retell", "+17205550401");
        var body = $$"""{"event":"call_ended","call":{"call_id":"wh-retell-1","direction":"inbound","from_number":"+13035550001","to_number":"{{number}}","call_status":"ended","start_timestamp":{{day.ToUnixTimeMilliseconds()}},"call_cost":{"combined_cost":11.62,"total_duration_seconds":61} } }""";

        using var forged = await PostAsync("retell", body, (RetellWebhook.SignatureHeader, RetellWebhook.Sign("forged", Bytes(body), Now * 1000)));
        using var signed = await PostAsync("retell", body, (RetellWebhook.SignatureHeader, RetellWebhook.Sign(host.RetellKey, Bytes(body), Now * 1000)));

        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        signed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rated = (await WaitForUsageAsync("wh-retell", day, expected: 1)).ShouldHaveSingleItem();
        rated.Event.EventId.ShouldBe("retell-wh-retell-1");
        rated.Event.UpstreamCost.ShouldBe(new Money(0.1162m, "USD"));
    }

    [Fact]
    public async Task ElevenLabs_SignedPostCall_IsRatedAndForgedIs401()
    {
        var (number, day) = await SeedAsync("wh-eleven", "+17205550402");
        var body = $$"""{"type":"post_call_transcription","event_timestamp":{{Now}},"data":{"conversation_id":"wh-eleven-1","status":"done","metadata":{"start_time_unix_secs":{{day.ToUnixTimeSeconds()}},"call_duration_secs":30,"phone_call":{"direction":"inbound","agent_number":"{{number}}","external_number":"+13035550002"} } } }""";

        using var forged = await PostAsync("elevenlabs", body, (ElevenLabsWebhook.SignatureHeader, ElevenLabsWebhook.Sign("forged", Bytes(body), Now)));
        using var signed = await PostAsync("elevenlabs", body, (ElevenLabsWebhook.SignatureHeader, ElevenLabsWebhook.Sign(host.ElevenLabsSecret, Bytes(body), Now)));

        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        signed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WaitForUsageAsync("wh-eleven", day, expected: 1)).ShouldHaveSingleItem().Event.EventId.ShouldBe("elevenlabs-wh-eleven-1");
    }

    [Fact]
    public async Task Vapi_SignedEndOfCallReport_IsRatedAndForgedIs401()
    {
        var (number, day) = await SeedAsync("wh-vapi", "+17205550403");
        var started = day.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = $$"""{"message":{"type":"end-of-call-report","endedReason":"customer-ended-call","startedAt":"{{started}}","durationSeconds":42.5,"cost":0.05,"call":{"id":"wh-vapi-1","type":"inboundPhoneCall"},"phoneNumber":{"number":"{{number}}"},"customer":{"number":"+13035550003"} } }""";
        var timestamp = (Now * 1000).ToString(CultureInfo.InvariantCulture);

        using var forged = await PostAsync("vapi", body, ("x-timestamp", timestamp), ("x-signature", VapiWebhook.Sign("forged", Bytes(body), timestamp)));
        using var signed = await PostAsync("vapi", body, ("x-timestamp", timestamp), ("x-signature", VapiWebhook.Sign(host.VapiSecret, Bytes(body), timestamp)));

        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        signed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WaitForUsageAsync("wh-vapi", day, expected: 1)).ShouldHaveSingleItem().Event.DurationSeconds.ShouldBe(43);
    }

    [Fact]
    public async Task Telnyx_SignedInitiatedAndCost_AreJoinedAndRatedAndForgedIs401()
    {
        var (number, day) = await SeedAsync("wh-telnyx", "+17205550404");
        var started = day.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var initiated = $$"""{"data":{"event_type":"call.initiated","id":"e1","occurred_at":"{{started}}","payload":{"call_leg_id":"wh-telnyx-leg","call_session_id":"s1","direction":"outgoing","from":"{{number}}","to":"+13035550004","start_time":"{{started}}"} } }""";
        var cost = $$"""{"data":{"event_type":"call.cost","id":"e2","occurred_at":"{{started}}","payload":{"call_leg_id":"wh-telnyx-leg","call_session_id":"s1","status":"success","total_cost":"0.0140","billed_duration_secs":120,"cost_parts":[{"call_part":"sip-trunking","cost":"0.0140","currency":"USD"}]} } }""";

        using var forged = await PostAsync("telnyx", cost, TelnyxHeaders(cost, new Org.BouncyCastle.Crypto.Parameters.Ed25519PrivateKeyParameters(new Org.BouncyCastle.Security.SecureRandom())));
        using var first = await PostAsync("telnyx", initiated, TelnyxHeaders(initiated, host.TelnyxKey));
        using var second = await PostAsync("telnyx", cost, TelnyxHeaders(cost, host.TelnyxKey));

        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rated = (await WaitForUsageAsync("wh-telnyx", day, expected: 1)).ShouldHaveSingleItem();
        rated.Event.EventId.ShouldBe("telnyx-wh-telnyx-leg");
        rated.Event.DurationSeconds.ShouldBe(120);
        rated.Event.Direction.ShouldBe(CallDirection.Outbound);
    }

    [Fact]
    public async Task Events_SignedBatch_IsRatedOnceWhenResentAndForgedIs401()
    {
        var (number, day) = await SeedAsync("wh-events", "+17205550405");
        var started = day.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = $$"""{"events":[{"id":"wh-ev-1","startedAt":"{{started}}","durationSeconds":60,"direction":"inbound","from":"+13035550005","to":"{{number}}","component":"AiVoice"},{"id":"wh-ev-2","startedAt":"{{started}}","durationSeconds":0,"answered":false,"direction":"outbound","from":"{{number}}","to":"+13035550006","component":"Telephony"}]}""";

        var (forgedAt, forgedSignature) = UsageEventsWebhook.Sign("forged", Bytes(body), Now);
        using var forged = await PostAsync("events", body, (UsageEventsWebhook.TimestampHeader, forgedAt), (UsageEventsWebhook.SignatureHeader, forgedSignature));
        var (at, signature) = UsageEventsWebhook.Sign(host.EventsSecret, Bytes(body), Now);
        using var signed = await PostAsync("events", body, (UsageEventsWebhook.TimestampHeader, at), (UsageEventsWebhook.SignatureHeader, signature));
        using var resent = await PostAsync("events", body, (UsageEventsWebhook.TimestampHeader, at), (UsageEventsWebhook.SignatureHeader, signature));

        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        signed.StatusCode.ShouldBe(HttpStatusCode.OK);
        resent.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rated = await WaitForUsageAsync("wh-events", day, expected: 2);
        rated.Select(r => r.Event.EventId).Order().ShouldBe(["events-wh-ev-1", "events-wh-ev-2"]);
    }

    [Fact]
    public async Task Webhook_BodyOver64KiB_Is413()
    {
        var body = "{\"event\":\"call_ended\",\"padding\":\"" + new string('x', 65 * 1024) + "\"}";
        using var response = await PostAsync("retell", body, (RetellWebhook.SignatureHeader, RetellWebhook.Sign(host.RetellKey, Bytes(body), Now * 1000)));
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Events_BatchOverTheEventLimit_Is413NamingTheCountNotTheBodySize()
    {
        var events = Enumerable.Range(0, UsageEventBatch.MaxEvents + 1).Select(i =>
            $$"""{"id":"over-{{i}}","startedAt":"2026-01-05T14:03:00Z","durationSeconds":1,"direction":"inbound","from":"+13035550007","to":"+17205550499","component":"Telephony"}""");
        var body = "{\"events\":[" + string.Join(',', events) + "]}";
        body.Length.ShouldBeGreaterThan(64 * 1024);
        var (at, signature) = UsageEventsWebhook.Sign(host.EventsSecret, Bytes(body), Now);

        using var response = await PostAsync("events", body, (UsageEventsWebhook.TimestampHeader, at), (UsageEventsWebhook.SignatureHeader, signature));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain($"holds {UsageEventBatch.MaxEvents + 1} events");
    }

    [Fact]
    public async Task Webhook_Malformed_Is400NamingTheField()
    {
        const string body = """{"type":"post_call_transcription","data":{"conversation_id":"wh-bad","metadata":{"start_time_unix_secs":1700000000,"call_duration_secs":"long"} } }""";
        using var response = await PostAsync("elevenlabs", body, (ElevenLabsWebhook.SignatureHeader, ElevenLabsWebhook.Sign(host.ElevenLabsSecret, Bytes(body), Now)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("data.metadata.call_duration_secs");
    }

    private static byte[] Bytes(string body) => Encoding.UTF8.GetBytes(body);

    private static (string, string)[] TelnyxHeaders(string body, Org.BouncyCastle.Crypto.Parameters.Ed25519PrivateKeyParameters key)
    {
        var timestamp = Now.ToString(CultureInfo.InvariantCulture);
        var signer = new Ed25519Signer();
        signer.Init(forSigning: true, key);
        var message = Bytes($"{timestamp}|{body}");
        signer.BlockUpdate(message, 0, message.Length);
        return [(TelnyxWebhook.TimestampHeader, timestamp), (TelnyxWebhook.SignatureHeader, Convert.ToBase64String(signer.GenerateSignature()))];
    }

    private Task<HttpResponseMessage> PostAsync(string vendor, string body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/{vendor}") { Content = new ByteArrayContent(Bytes(body)) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return host.Http.SendAsync(request);
    }

    /// <summary>Seeds the plan and an account holding <paramref name="number"/>; returns the number and an instant in the account's last ended period.</summary>
    private async Task<(string Number, Instant Day)> SeedAsync(string accountId, string number)
    {
        var account = new Account(accountId, accountId, Plan.Id, new BillingProfile("UTC", 1, "USD"));
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        await host.Api.AssignNumberAsync(new NumberAssignment(number, accountId, NumberType.Local, new LocalDate(2025, 1, 1)), CancellationToken.None);
        return (number, LastPeriod(account).Start.PlusDays(2).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().Plus(Duration.FromHours(15)));
    }

    private static BillingPeriod LastPeriod(Account account)
    {
        var today = SystemClock.Instance.GetCurrentInstant().InZone(account.Billing.Zone).Date;
        var current = BillingPeriod.Containing(today, account.Billing.BillCycleDay);
        return BillingPeriod.Containing(current.Start.PlusDays(-1), account.Billing.BillCycleDay);
    }

    private Task<IReadOnlyList<RatedUsage>> WaitForUsageAsync(string accountId, Instant day, int expected)
    {
        var period = LastPeriod(new Account(accountId, accountId, Plan.Id, new BillingProfile("UTC", 1, "USD")));
        day.InUtc().Date.ShouldBeGreaterThanOrEqualTo(period.Start);
        return host.Host.Services.WaitForUsageAsync(accountId, period, expected);
    }
}
