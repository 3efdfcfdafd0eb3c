using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>When late fees fall due and how much each one is.</summary>
public static class LateFees
{
    /// <summary>When the <paramref name="ordinal"/>-th fee (1-based) falls due, or null when the policy charges no such fee.</summary>
    /// <remarks>Monthly fees fall on the same UTC day of each later month, clamped to the month's end (Jan 31, Feb 28, Mar 31).</remarks>
    public static Instant? DueAt(LateFeePolicy policy, Instant dueAt, int ordinal)
    {
        if (ordinal < 1 || (policy.Recurrence == LateFeeRecurrence.Once && ordinal > 1))
        {
            return null;
        }

        return (dueAt + policy.Grace).InUtc().LocalDateTime.PlusMonths(ordinal - 1).InUtc().ToInstant();
    }

    /// <summary>The fee to assess now, rounded half-up to the currency's minor unit and cut to what the cap leaves; zero when nothing is owed or the cap is reached.</summary>
    /// <param name="alreadyAssessed">The invoice's late fees so far, in its currency.</param>
    /// <remarks>The policy's value and cap are plain numbers: one policy serves accounts in any currency, each fee in its invoice's.</remarks>
    public static Money Assess(LateFeePolicy policy, Money balanceDue, Money alreadyAssessed)
    {
        if (balanceDue.Amount <= 0m)
        {
            return Money.Zero(balanceDue.Currency);
        }

        var fee = policy.Basis == LateFeeBasis.Flat
            ? new Money(policy.Value, balanceDue.Currency)
            : (balanceDue * (policy.Value / 100m)).RoundToMinorUnit(RoundingMode.HalfUp);
        if (policy.Cap is { } cap)
        {
            var capLeft = new Money(cap, fee.Currency) - alreadyAssessed;
            fee = new Money(Math.Clamp(capLeft.Amount, 0m, fee.Amount), fee.Currency);
        }

        return fee;
    }
}
