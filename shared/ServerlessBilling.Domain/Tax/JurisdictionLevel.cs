namespace ServerlessBilling.Tax;

/// <summary>The level of government a tax belongs to.</summary>
public enum JurisdictionLevel
{
    Federal,
    State,
    County,
    City,
}
