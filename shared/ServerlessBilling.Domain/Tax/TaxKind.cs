namespace ServerlessBilling.Tax;

/// <summary>What a tax line is, for reports by tax type and for the label rules some states impose.</summary>
public enum TaxKind
{
    /// <summary>The federal Universal Service Fund recovery line; capped by 47 CFR 54.712.</summary>
    FederalUsfRecovery,

    /// <summary>A company charge recovering other federal programs (TRS, NANPA, LNP, regulatory fees); not a government tax.</summary>
    FederalRecoveryFee,
    StateUsf,
    Emergency911,
    Crisis988,
    SalesOrCommunicationsTax,
    UtilityUsersTax,
}
