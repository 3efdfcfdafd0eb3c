using System.Text.Json.Serialization;
using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>How an unpaid invoice is chased: the reseller's default, which an account may replace with its own.</summary>
/// <remarks>Durations rather than day counts, so a test (or a reseller's staging) can run the whole schedule in seconds. In JSON
/// each duration is .NET span text (<c>3.00:00:00</c>), the shape stored accounts and collections in flight carry.</remarks>
public sealed record DunningPolicy
{
    public static readonly DunningPolicy Default = new();

    /// <summary>Retries after the first failed charge, each counted from that failure (3, 5 and 7 days by default).</summary>
    [JsonConverter(typeof(TimeSpanTextDurationListConverter))]
    public IReadOnlyList<Duration> RetryDelays { get; init; } = [Duration.FromDays(3), Duration.FromDays(5), Duration.FromDays(7)];

    /// <summary>How long before each retry the customer is reminded (a <c>dunning.reminder</c> event).</summary>
    [JsonConverter(typeof(TimeSpanTextDurationConverter))]
    public Duration ReminderLead { get; init; } = Duration.FromDays(1);

    /// <summary>How far into the due date (in the account's zone) payment still counts as on time; one day means the whole due date.</summary>
    [JsonConverter(typeof(TimeSpanTextDurationConverter))]
    public Duration OverdueAfter { get; init; } = Duration.FromDays(1);

    public LateFeePolicy? LateFee { get; init; }

    /// <summary>Charged on the next invoice when a payment is reversed (ACH return, dispute); zero for none.</summary>
    public decimal ReturnedPaymentFee { get; init; }

    /// <summary>Whether the account is suspended after the final failed attempt (the reseller's provisioning turns service off).</summary>
    public bool SuspendAfterFinalFailure { get; init; } = true;

    /// <summary>How long after the due moment an unpaid balance is written off.</summary>
    [JsonConverter(typeof(TimeSpanTextDurationConverter))]
    public Duration WriteOffAfter { get; init; } = Duration.FromDays(120);

    /// <summary>Charge attempts in all: the first plus one per retry delay.</summary>
    public int MaxAttempts => 1 + RetryDelays.Count;

    /// <summary>The problems that make the policy unusable, each naming its field; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (RetryDelays.Any(d => d <= Duration.Zero))
        {
            problems.Add("retryDelays: every delay must be positive.");
        }

        if (RetryDelays.Zip(RetryDelays.Skip(1)).Any(pair => pair.Second <= pair.First))
        {
            problems.Add("retryDelays: delays are counted from the first failure, so each must be longer than the one before.");
        }

        if (ReminderLead < Duration.Zero || OverdueAfter < Duration.Zero || WriteOffAfter <= Duration.Zero || ReturnedPaymentFee < 0m)
        {
            problems.Add("reminderLead, overdueAfter, writeOffAfter and returnedPaymentFee must not be negative (writeOffAfter positive).");
        }

        if (LateFee is { } fee)
        {
            problems.AddRange(fee.Validate());
        }

        return problems;
    }
}
