using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>How interconnected VoIP revenue is split into interstate, international and intrastate from <see cref="From"/> on.</summary>
/// <param name="InterstateShare">Fraction of telecom revenue that is interstate (0.649 for the safe harbor).</param>
/// <param name="InternationalShare">Fraction that is international, for usage not already rated as international.</param>
public sealed record InterstateAllocation(LocalDate From, AllocationMethod Method, decimal InterstateShare, decimal InternationalShare = 0m)
{
    /// <summary>The FCC's interim safe harbor for interconnected VoIP: 64.9 % interstate (FCC 06-94).</summary>
    public const decimal SafeHarborShare = 0.649m;

    public static InterstateAllocation SafeHarbor(LocalDate from) => new(from, AllocationMethod.SafeHarbor, SafeHarborShare);

    public static InterstateAllocation TrafficStudy(LocalDate from, decimal interstateShare, decimal internationalShare = 0m) =>
        new(from, AllocationMethod.TrafficStudy, interstateShare, internationalShare);

    /// <summary>Every telecom item carries its own <see cref="RevenueSplit"/>.</summary>
    public static InterstateAllocation Actual(LocalDate from) => new(from, AllocationMethod.Actual, 0m);
}
