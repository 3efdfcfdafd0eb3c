namespace ServerlessBilling.Tax;

/// <summary>The jurisdictional part of a charge a percentage rule is applied to.</summary>
public enum RevenuePortion
{
    Total,
    Interstate,
    Intrastate,
    International,
    InterstateAndInternational,
}
