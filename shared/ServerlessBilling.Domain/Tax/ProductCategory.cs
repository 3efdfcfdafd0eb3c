namespace ServerlessBilling.Tax;

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
