using System.Globalization;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Benchmarks;

/// <summary>A plan shaped like a reseller's real rate deck, and traffic to match (seeded, so every run rates the same calls).</summary>
internal static class RealisticPlan
{
    private static readonly string[] Countries = ["44", "49", "33", "34", "39", "61", "52", "55", "91", "81", "353", "31", "46", "47", "45", "48", "41", "43", "32", "351"];

    public static PricePlan Create()
    {
        var rates = new List<UsageRate>
        {
            new(UsageComponent.Telephony, CallDirection.Inbound, 0.0085m, BillingIncrement.PerMinute),
            new(UsageComponent.Telephony, CallDirection.Inbound, 0.022m, BillingIncrement.PerMinute, NumberType: NumberType.TollFree),
            new(UsageComponent.Telephony, CallDirection.Outbound, 0.014m, new BillingIncrement(6, 6), ConnectFee: 0.0005m, Prefix: "1"),
            new(UsageComponent.AiVoice, null, 0.11m, new BillingIncrement(6, 6), Band: "peak"),
            new(UsageComponent.AiVoice, null, 0.09m, new BillingIncrement(6, 6)),
            new(UsageComponent.Transfer, null, 0.012m, BillingIncrement.PerMinute),
        };
        var random = new Random(7);
        for (var area = 200; area < 1000; area++)
        {
            rates.Add(new(UsageComponent.Telephony, CallDirection.Outbound, 0.010m + random.Next(0, 40) / 10_000m, new BillingIncrement(6, 6), Prefix: "1" + area));
        }

        foreach (var country in Countries)
        {
            rates.Add(new(UsageComponent.Telephony, CallDirection.Outbound, 0.02m + random.Next(0, 300) / 10_000m, BillingIncrement.PerSecond, Prefix: country));
            // Mobile and city ranges: one- and two-digit sub-prefixes, 110 per country.
            foreach (var sub in Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture))
                         .Concat(Enumerable.Range(0, 100).Select(d => d.ToString("D2", CultureInfo.InvariantCulture))))
            {
                rates.Add(new(UsageComponent.Telephony, CallDirection.Outbound, 0.05m + random.Next(0, 900) / 10_000m, BillingIncrement.PerSecond,
                    Prefix: country + sub));
            }
        }

        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        var version = new PlanVersion(new LocalDate(2026, 1, 1), 49m, 1.5m, rates, new PerCallRounding(6))
        {
            TimeBands = [new TimeBand("peak", weekdays, new LocalTime(8, 0), new LocalTime(18, 0))],
            Bundles = [new Bundle("AI minutes", 5_000, Components: [UsageComponent.AiVoice])],
        };
        return new PricePlan("bench", "Bench", "USD", [version]);
    }

    /// <summary>Calls over November: 50% outbound telephony to US and international numbers, 25% inbound, 20% AI voice, 5% transfer.</summary>
    public static UsageEvent[] Events(int count, DateTimeZone zone)
    {
        var random = new Random(11);
        var start = new LocalDate(2026, 11, 1).AtStartOfDayInZone(zone).ToInstant();
        var destinations = Enumerable.Range(0, 20_000).Select(_ => Destination(random)).ToArray();
        var events = new UsageEvent[count];
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            var (component, direction) = roll switch
            {
                < 50 => (UsageComponent.Telephony, CallDirection.Outbound),
                < 75 => (UsageComponent.Telephony, CallDirection.Inbound),
                < 95 => (UsageComponent.AiVoice, CallDirection.Inbound),
                _ => (UsageComponent.Transfer, CallDirection.Outbound),
            };
            var at = start.Plus(Duration.FromSeconds(random.Next(0, 29 * 86_400)));
            var to = direction == CallDirection.Outbound ? destinations[random.Next(destinations.Length)] : "+1312555" + random.Next(1000, 9999);
            events[i] = new UsageEvent($"bench-{i}", "bench", i.ToString(CultureInfo.InvariantCulture), at, random.Next(0, 600), direction,
                "+13125550100", to, component, random.Next(100) < 92);
        }

        return events;
    }

    private static string Destination(Random random) => random.Next(10) < 7
        ? "+1" + random.Next(200, 1000) + random.Next(2_000_000, 9_999_999)
        : "+" + Countries[random.Next(Countries.Length)] + random.Next(100_000_000, 999_999_999);
}
