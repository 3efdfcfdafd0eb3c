namespace ServerlessBilling.Tax;

/// <summary>The level of government a tax belongs to.</summary>
public enum JurisdictionLevel
{
    Federal,
    State,
    County,
    City,
}

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

/// <summary>How a rule measures what it taxes.</summary>
public enum TaxBasis
{
    /// <summary>A rate times a revenue portion of the items it applies to (plus earlier taxes it includes).</summary>
    Percent,

    /// <summary>An amount per line, where the rule's <see cref="LineUnit"/> says what a line is.</summary>
    PerLine,

    /// <summary>An amount once per invoice.</summary>
    Flat,
}

/// <summary>What a jurisdiction counts as one "line" for a per-line fee; the definitions differ by state.</summary>
public enum LineUnit
{
    /// <summary>A telephone number (service identifier), e.g. Florida E911.</summary>
    Number,

    /// <summary>A concurrent outbound call path (outward calling capacity), e.g. California 911/988, Illinois advanced service, Washington 911/988.</summary>
    Channel,

    /// <summary>A device, e.g. New York City E-911 for VoIP.</summary>
    Device,
}

/// <summary>The jurisdictional part of a charge a percentage rule is applied to.</summary>
public enum RevenuePortion
{
    Total,
    Interstate,
    Intrastate,
    International,
    InterstateAndInternational,
}

/// <summary>What was sold, as far as taxes are concerned. Telecom and non-telecom are invoiced apart so only telecom enters the USF base.</summary>
public enum ProductCategory
{
    /// <summary>PSTN minutes over interconnected VoIP, split interstate / intrastate by the provider's allocation.</summary>
    InterconnectedVoipUsage,

    /// <summary>Minutes rated as international; wholly international revenue.</summary>
    InternationalVoipUsage,

    /// <summary>Numbers, channels and other monthly access charges of interconnected VoIP.</summary>
    VoipAccess,

    /// <summary>The AI agent platform and AI minutes: a software / information service, not telecom.</summary>
    AiPlatform,
    Equipment,
    OtherNonTelecom,
}

/// <summary>The customer's class, as tax tables distinguish it.</summary>
public enum CustomerType
{
    Business,
    Residential,
}

/// <summary>Where the revenue a tax line was computed on belongs on FCC Form 499-A.</summary>
/// <remarks>Named by block, not by line number: the line numbers change with each year's instructions.</remarks>
public enum Form499Category
{
    /// <summary>Block 4-A: end-user telecom (interconnected VoIP) revenue.</summary>
    EndUserTelecom,

    /// <summary>Block 3: revenue from a reseller holding a valid reseller certificate (carrier's carrier).</summary>
    CarriersCarrier,

    /// <summary>Block 4-A non-telecom revenue (information services, software, equipment): outside the USF base.</summary>
    NonTelecom,
}

/// <summary>How far a rate in a tax table has been checked.</summary>
public enum SourceStatus
{
    /// <summary>Read in a primary or official source.</summary>
    Verified,

    /// <summary>Read in a secondary source (trade press, law-firm note); re-check against the primary one.</summary>
    Secondary,

    /// <summary>Not confirmed in any source read; must be checked before it is billed.</summary>
    Unverified,
}
