using System.Globalization;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.LocalHost.Demo;

/// <summary>A reseller's starting point: one plan, two customers and their numbers, and a period's worth of calls.</summary>
internal static class DemoData
{
    public static readonly PricePlan Plan = new("ai-voice-starter", "AI Voice Starter", "USD",
    [
        new PlanVersion(new LocalDate(2024, 1, 1), PlatformFee: 49m, NumberFee: 1.5m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.012m, BillingIncrement.PerMinute),
            new UsageRate(UsageComponent.Telephony, CallDirection.Outbound, 0.02m, new BillingIncrement(30, 6), ConnectFee: 0.001m, AttemptCharge: 0.0025m),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    public static readonly Account Acme = new("acme-dental", "Acme Dental Group", Plan.Id, new BillingProfile("America/Chicago", 1, "USD", 15),
        new PostalAddress("200 W Madison St", "Chicago", "IL", "60606", "US"));

    public static readonly Account Brightside = new("brightside-realty", "Brightside Realty", Plan.Id, new BillingProfile("America/New_York", 1, "USD", 30),
        new PostalAddress("350 5th Ave", "New York", "NY", "10118", "US"));

    public static NumberAssignment[] Numbers(LocalDate from) =>
    [
        new("+13125550100", Acme.Id, NumberType.Local, from),
        new("+18885550100", Acme.Id, NumberType.TollFree, from),
        new("+12125550155", Brightside.Id, NumberType.Local, from),
    ];

    /// <summary>Twilio status callbacks: answered calls both ways, a busy attempt and a progress event.</summary>
    public static IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> TwilioCallbacks(LocalDate day)
    {
        yield return Callback("CA0001", "completed", "inbound", "+14155550123", "+18885550100", 83, day.At(new LocalTime(15, 1, 23)));
        yield return Callback("CA0002", "completed", "outbound-api", "+13125550100", "+14155550124", 37, day.At(new LocalTime(16, 0, 37)));
        yield return Callback("CA0003", "completed", "inbound", "+16465550101", "+12125550155", 300, day.PlusDays(1).At(new LocalTime(14, 5, 0)));
        yield return Callback("CA0004", "busy", "outbound-api", "+12125550155", "+16465550102", 0, day.PlusDays(2).At(new LocalTime(10, 0, 0)));
        yield return Callback("CA0005", "ringing", "inbound", "+16465550103", "+12125550155", 0, day.PlusDays(2).At(new LocalTime(11, 0, 0)));
    }

    /// <summary>Twilio status callbacks of the month before: one answered call to each account, so that month reconciles too and the
    /// demo's month shows its margin drift against it.</summary>
    public static IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> PreviousMonthTwilioCallbacks(LocalDate day)
    {
        yield return Callback("CA0101", "completed", "inbound", "+14155550188", "+18885550100", 120, day.At(new LocalTime(15, 2, 0)));
        yield return Callback("CA0102", "completed", "inbound", "+16465550177", "+12125550155", 61, day.At(new LocalTime(17, 1, 1)));
    }

    /// <summary>An Asterisk Master.csv (server in Chicago): answered calls, a malformed line and a call to a number nobody holds.</summary>
    public static string AsteriskFile(LocalDate day)
    {
        var d = day.PlusDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return string.Join('\n',
            $"\"\",\"13125550142\",\"18885550100\",\"from-trunk\",\"\",\"PJSIP/trunk-01\",\"PJSIP/ai-01\",\"Dial\",\"\",\"{d} 09:00:00\",\"{d} 09:00:04\",\"{d} 09:02:09\",129,125,\"ANSWERED\",\"BILLING\",\"1700000001.1\"",
            $"\"\",\"13125550100\",\"4155550199\",\"from-internal\",\"\",\"PJSIP/ai-02\",\"PJSIP/trunk-02\",\"Dial\",\"\",\"{d} 10:00:00\",\"{d} 10:00:02\",\"{d} 10:01:03\",63,61,\"ANSWERED\",\"BILLING\",\"1700000002.1\"",
            $"\"\",\"13125550143\",\"18885550100\",\"from-trunk\",\"\",\"PJSIP/trunk-03\",\"PJSIP/ai-03\",\"Dial\",\"\",\"{d} 11:00:00\",\"{d} 11:00:02\",\"{d} 11:01:00\",60,abc,\"ANSWERED\",\"BILLING\",\"1700000003.1\"",
            $"\"\",\"13125550144\",\"19995550000\",\"from-trunk\",\"\",\"PJSIP/trunk-04\",\"PJSIP/ai-04\",\"Dial\",\"\",\"{d} 12:00:00\",\"{d} 12:00:02\",\"{d} 12:01:00\",60,58,\"ANSWERED\",\"BILLING\",\"1700000004.1\"",
            $"\"\",\"16465550105\",\"12125550155\",\"from-trunk\",\"\",\"PJSIP/trunk-05\",\"PJSIP/ai-05\",\"Dial\",\"\",\"{d} 13:00:00\",\"{d} 13:00:01\",\"{d} 13:01:00\",60,59,\"ANSWERED\",\"BILLING\",\"1700000005.1\"") + "\n";
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Callback(
        string sid, string status, string direction, string from, string to, int seconds, LocalDateTime endedUtc)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", "AC00000000000000000000000000000000"),
            new("CallSid", sid),
            new("CallStatus", status),
            new("Direction", direction),
            new("From", from),
            new("To", to),
            new("Timestamp", endedUtc.InUtc().ToDateTimeOffset().ToString("r", CultureInfo.InvariantCulture)),
            new("CallbackSource", "call-progress-events"),
        };
        if (status == "completed")
        {
            form.Add(new("CallDuration", seconds.ToString(CultureInfo.InvariantCulture)));
        }

        return form;
    }
}
