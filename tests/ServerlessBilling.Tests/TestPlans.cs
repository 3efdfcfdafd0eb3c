using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests;

/// <summary>A small plan and account shared by the domain tests; amounts in the tests are worked out from these numbers.</summary>
internal static class TestPlans
{
    public static readonly PricePlan Standard = new("standard", "Standard", "USD",
    [
        new PlanVersion(new LocalDate(2026, 1, 1), PlatformFee: 49m, NumberFee: 1.5m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.012m, BillingIncrement.PerMinute),
            new UsageRate(UsageComponent.Telephony, CallDirection.Outbound, 0.02m, new BillingIncrement(30, 6), ConnectFee: 0.001m, AttemptCharge: 0.0025m),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
        new PlanVersion(new LocalDate(2026, 12, 1), PlatformFee: 59m, NumberFee: 2m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.015m, BillingIncrement.PerMinute),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    public static readonly Account Acme = new("acme", "Acme Dental", "standard", new BillingProfile("America/Chicago", 1, "USD", 15));

    public static UsageEvent Call(string id, Instant start, int seconds, CallDirection direction = CallDirection.Inbound, bool answered = true) =>
        new(id, "test", id, start, seconds, direction, "+13125550142", "+18885550100", UsageComponent.Telephony, answered);
}
