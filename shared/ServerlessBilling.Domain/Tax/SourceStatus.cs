namespace ServerlessBilling.Tax;

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
