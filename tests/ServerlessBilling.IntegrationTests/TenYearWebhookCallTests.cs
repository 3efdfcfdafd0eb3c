using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime;
using Org.BouncyCastle.Crypto.Signers;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.ElevenLabs;
using ServerlessBilling.Usage.Retell;
using ServerlessBilling.Usage.Telnyx;
using ServerlessBilling.Usage.Vapi;

namespace ServerlessBilling.IntegrationTests;

/// <summary>A correctly signed vendor delivery reporting a ten-year call (315,360,000 s), through the local host on Azurite: the call is
/// billed nothing, held in the vendor's quarantine naming the limit it broke, and the route's day counts it as held, exactly.</summary>
/// <remarks>The vendors' own deliveries reach rating through their own parsers (Retell's cost seconds, Vapi's float seconds, Telnyx's
/// join of two events), so each route is proven on its own; the events and Twilio routes are in <see cref="EventIdentityTests"/>.</remarks>
[Collection(AzuriteCollection.Name)]
public class TenYearWebhookCallTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private const int TenYears = 315_360_000;
    private const string Caller = "+13035550812";

    private static readonly PricePlan Plan = new("decade-plan", "Decade", "USD",
    [
        new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 0m, NumberFee: 0m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute),
            new UsageRate(UsageComponent.AiVoice, CallDirection.Inbound, 0.10m, BillingIncrement.PerMinute),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    private readonly string run = Guid.NewGuid().ToString("N")[..10];

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Theory]
    [InlineData(RetellWebhook.Source, UsageComponent.AiVoice, 1)]
    [InlineData(ElevenLabsWebhook.Source, UsageComponent.AiVoice, 1)]
    [InlineData(VapiWebhook.Source, UsageComponent.AiVoice, 1)]
    [InlineData(TelnyxWebhook.Source, UsageComponent.Telephony, 2)] // call.initiated (nothing to bill alone) then call.cost
    public async Task SignedTenYearCall_IsBilledNothing_HeldNamingMaxCallMinutes_AndCountedAsHeld(string vendor, UsageComponent component, int deliveries)
    {
        var account = new Account(CloseDriver.UniqueId("decade"), "Decade Co", Plan.Id, new BillingProfile("UTC", 1, "USD"));
        var number = CloseDriver.UniqueNumber("720");
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        await host.Api.AssignNumberAsync(new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2025, 1, 1)), CancellationToken.None);
        var start = Instant.FromUnixTimeSeconds(Now) - Duration.FromHours(6); // a recent start: only the length is absurd
        var callId = $"decade-{run}";
        var before = await CountsAsync(vendor);

        var sent = Deliveries(vendor, callId, number, start);
        foreach (var (body, headers) in sent)
        {
            using var response = await PostAsync(vendor, body, headers);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        sent.Count.ShouldBe(deliveries);
        await host.Host.Services.WaitForQuarantineAsync(vendor, callId, 1);
        var held = (await host.Api.ListQuarantineAsync(vendor, CancellationToken.None)).Where(r => r.Reference.Contains(callId, StringComparison.Ordinal)).ShouldHaveSingleItem();
        (held.Source, held.Reference, held.Kind, held.Problem.Field).ShouldBe((vendor, $"{vendor}-{callId}", QuarantineKind.Limit, "maxCallMinutes"));
        held.Problem.Reason.ShouldBe($"{TenYears} s is longer than the {PlausibilityLimits.Default.MaxCallMinutes} minutes a call may last");
        var call = JsonSerializer.Deserialize<UsageEvent>(held.RawContent, BillingJson.Options).ShouldNotBeNull();
        (call.DurationSeconds, call.Component, call.Direction, call.To, call.StartedAt).ShouldBe((TenYears, component, CallDirection.Inbound, number, start));
        (await host.Host.Services.WaitForUsageAsync(account.Id, account.Billing.PeriodContaining(start), 0)).ShouldBeEmpty();

        var day = await EventsRoute.WaitForAsync(async () => (await CountsAsync(vendor)).Minus(before), d => d.Held >= 1 && d.UnaccountedComponents == 0);
        day.ShouldBe(new IngestCounts(Received: deliveries, Accepted: 1, Ignored: deliveries - 1, Queued: 1, Components: 1, Quarantined: 1, Held: 1));
        (day.UnaccountedDeliveries, day.UnaccountedComponents).ShouldBe((0L, 0L));
    }

    /// <summary>What the vendor sends for a call to <paramref name="number"/> of ten years started at <paramref name="start"/>, signed as the vendor signs.</summary>
    private List<(string Body, (string Name, string Value)[] Headers)> Deliveries(string vendor, string callId, string number, Instant start)
    {
        var iso = start.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        switch (vendor)
        {
            case RetellWebhook.Source:
                var retell = $$"""{"event":"call_ended","call":{"call_id":"{{callId}}","direction":"inbound","from_number":"{{Caller}}","to_number":"{{number}}","call_status":"ended","start_timestamp":{{start.ToUnixTimeMilliseconds()}},"call_cost":{"combined_cost":36792000,"total_duration_seconds":{{TenYears}}} } }""";
                return [(retell, [(RetellWebhook.SignatureHeader, RetellWebhook.Sign(host.RetellKey, Bytes(retell), Now * 1000))])];
            case ElevenLabsWebhook.Source:
                var eleven = $$"""{"type":"post_call_transcription","event_timestamp":{{Now}},"data":{"conversation_id":"{{callId}}","status":"done","metadata":{"start_time_unix_secs":{{start.ToUnixTimeSeconds()}},"call_duration_secs":{{TenYears}},"phone_call":{"direction":"inbound","agent_number":"{{number}}","external_number":"{{Caller}}"} } } }""";
                return [(eleven, [(ElevenLabsWebhook.SignatureHeader, ElevenLabsWebhook.Sign(host.ElevenLabsSecret, Bytes(eleven), Now))])];
            case VapiWebhook.Source:
                var vapi = $$"""{"message":{"type":"end-of-call-report","endedReason":"customer-ended-call","startedAt":"{{iso}}","durationSeconds":{{TenYears}}.0,"cost":367920,"call":{"id":"{{callId}}","type":"inboundPhoneCall"},"phoneNumber":{"number":"{{number}}"},"customer":{"number":"{{Caller}}"} } }""";
                var timestamp = (Now * 1000).ToString(CultureInfo.InvariantCulture);
                return [(vapi, [("x-timestamp", timestamp), ("x-signature", VapiWebhook.Sign(host.VapiSecret, Bytes(vapi), timestamp))])];
            case TelnyxWebhook.Source:
                var initiated = $$"""{"data":{"event_type":"call.initiated","id":"i-{{run}}","occurred_at":"{{iso}}","payload":{"call_leg_id":"{{callId}}","call_session_id":"s-{{run}}","direction":"incoming","from":"{{Caller}}","to":"{{number}}","start_time":"{{iso}}"} } }""";
                var cost = $$"""{"data":{"event_type":"call.cost","id":"c-{{run}}","occurred_at":"{{iso}}","payload":{"call_leg_id":"{{callId}}","call_session_id":"s-{{run}}","status":"success","total_cost":"52560.0000","billed_duration_secs":{{TenYears}},"cost_parts":[{"call_part":"sip-trunking","cost":"52560.0000","currency":"USD"}]} } }""";
                return [(initiated, TelnyxHeaders(initiated)), (cost, TelnyxHeaders(cost))];
            default:
                throw new ArgumentOutOfRangeException(nameof(vendor), vendor, "no delivery for this vendor");
        }
    }

    private (string, string)[] TelnyxHeaders(string body)
    {
        var timestamp = Now.ToString(CultureInfo.InvariantCulture);
        var signer = new Ed25519Signer();
        signer.Init(forSigning: true, host.TelnyxKey);
        var message = Bytes($"{timestamp}|{body}");
        signer.BlockUpdate(message, 0, message.Length);
        return [(TelnyxWebhook.TimestampHeader, timestamp), (TelnyxWebhook.SignatureHeader, Convert.ToBase64String(signer.GenerateSignature()))];
    }

    private static byte[] Bytes(string body) => Encoding.UTF8.GetBytes(body);

    private Task<HttpResponseMessage> PostAsync(string vendor, string body, (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/{vendor}") { Content = new ByteArrayContent(Bytes(body)) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return host.Http.SendAsync(request);
    }

    /// <summary>The vendor route's counts for today (UTC), summed over the stored parts.</summary>
    private async Task<IngestCounts> CountsAsync(string vendor)
    {
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var report = await host.Api.GetIngestCountersAsync(vendor, today, today, CancellationToken.None);
        return report.Totals.SingleOrDefault()?.Counts ?? IngestCounts.None;
    }
}
