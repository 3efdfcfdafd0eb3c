using System.Text.Json;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.PortContracts;

/// <summary>Small, valid records for the contracts to store, and a comparison that survives a round trip through storage.</summary>
public static class Samples
{
    public static readonly Instant Noon = Instant.FromUtc(2026, 10, 5, 12, 0);

    public static readonly BillingPeriod October = BillingPeriod.Containing(new LocalDate(2026, 10, 5), 1);

    public static readonly BillingPeriod November = BillingPeriod.Containing(new LocalDate(2026, 11, 5), 1);

    public static RatedUsage Rated(string accountId, BillingPeriod period, string eventId, decimal amount = 0.024m) =>
        new(
            new UsageEvent(eventId, "twilio", eventId, Noon, 61, CallDirection.Inbound, "+14155550100", "+18885550100", UsageComponent.Telephony, true),
            accountId,
            period.Key,
            new Charge(120, new Money(amount, "USD"), 0.012m, "standard", "2026-01-01"));

    /// <summary>A split-off component of the call <paramref name="callId"/>, as rating records it (display id <c>{callId}-{component}</c>).</summary>
    public static RatedUsage Component(string accountId, BillingPeriod period, string callId, UsageComponent component, decimal amount = 0.012m)
    {
        var call = Rated(accountId, period, callId).Event with
        {
            Component = UsageComponent.AiVoice,
            OtherComponents = [new ComponentUsage(component, 61)],
        };
        return new RatedUsage(call.ByComponent().Last(), accountId, period.Key, new Charge(120, new Money(amount, "USD"), 0.006m, "standard", "2026-01-01"));
    }

    public static Invoice Draft(string accountId, decimal total = 10m)
    {
        var line = new InvoiceLine(LineCategory.PlatformFee, "Platform", 1, "month", total, new Money(total, "USD"));
        return new Invoice(Invoice.IdFor(accountId, October), accountId, "Contract Test", October, "USD", [line]);
    }

    /// <summary>A plan with two versions, the first with its optional parts (number fees by type, a minimum spend) set.</summary>
    public static PricePlan Plan(string id, decimal platformFee = 49m) => new(id, "Standard", "USD",
    [
        new PlanVersion(new LocalDate(2026, 1, 1), platformFee, 1.5m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.012m, BillingIncrement.PerMinute),
            new UsageRate(UsageComponent.Telephony, CallDirection.Outbound, 0.02m, new BillingIncrement(30, 6), ConnectFee: 0.001m),
        ], new PerCallRounding(6, RoundingMode.HalfUp))
        {
            NumberFees = new Dictionary<NumberType, decimal> { [NumberType.TollFree] = 2.5m },
            MinimumSpend = 25m,
        },
        new PlanVersion(new LocalDate(2026, 12, 1), platformFee + 10m, 2m,
            [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.015m, BillingIncrement.PerMinute)],
            new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    /// <summary>The record as the domain serializes it: equal JSON means equal content, whatever lists or JSON elements it holds.</summary>
    public static string Json<T>(T value) => JsonSerializer.Serialize(value, BillingJson.Options);
}
