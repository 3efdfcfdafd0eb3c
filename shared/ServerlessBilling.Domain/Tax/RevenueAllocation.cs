namespace ServerlessBilling.Tax;

/// <summary>Splits a charge into the jurisdictional portions percentage rules are applied to.</summary>
/// <remarks>
/// Only telecom is split. Domestic interconnected VoIP uses the provider's allocation (safe harbor, traffic
/// study, or the item's actual split); usage rated as international is wholly international. Non-telecom
/// charges (the AI platform, equipment) have no interstate or international part: their whole amount is the
/// total and the intrastate portion, which is what a state sales tax on them is applied to.
/// </remarks>
public static class RevenueAllocation
{
    public static bool IsTelecom(ProductCategory category) =>
        category is ProductCategory.InterconnectedVoipUsage or ProductCategory.InternationalVoipUsage or ProductCategory.VoipAccess;

    public static decimal Portion(TaxableItem item, RevenuePortion portion, InterstateAllocation allocation)
    {
        var amount = item.Amount.Amount;
        var (interstate, international) = InterstateAndInternational(item, allocation);
        return portion switch
        {
            RevenuePortion.Total => amount,
            RevenuePortion.Interstate => interstate,
            RevenuePortion.International => international,
            RevenuePortion.InterstateAndInternational => interstate + international,
            RevenuePortion.Intrastate => amount - interstate - international,
            _ => throw new ArgumentOutOfRangeException(nameof(portion), portion, null),
        };
    }

    /// <summary>The interstate plus international telecom part of a charge: what 47 CFR 54.712 lets a USF line be a fraction of.</summary>
    public static decimal UsfRecoverable(TaxableItem item, InterstateAllocation allocation)
    {
        var (interstate, international) = InterstateAndInternational(item, allocation);
        return interstate + international;
    }

    private static (decimal Interstate, decimal International) InterstateAndInternational(TaxableItem item, InterstateAllocation allocation)
    {
        var amount = item.Amount.Amount;
        switch (item.Category)
        {
            case ProductCategory.InternationalVoipUsage:
                return (0m, amount);
            case ProductCategory.InterconnectedVoipUsage or ProductCategory.VoipAccess when allocation.Method == AllocationMethod.Actual:
                var split = item.Split
                    ?? throw new InvalidOperationException($"Actual interstate allocation needs the split of '{item.Reference}'.");
                return (split.Interstate, split.International);
            case ProductCategory.InterconnectedVoipUsage or ProductCategory.VoipAccess:
                return (amount * allocation.InterstateShare, amount * allocation.InternationalShare);
            default:
                return (0m, 0m);
        }
    }
}
