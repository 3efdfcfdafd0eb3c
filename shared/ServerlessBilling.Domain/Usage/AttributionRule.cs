namespace ServerlessBilling.Usage;

/// <summary>Which evidence attributed an event, most specific first.</summary>
public enum AttributionRule
{
    /// <summary>An account id in the vendor's metadata.</summary>
    ExplicitAccount,

    /// <summary>The vendor's agent or assistant id.</summary>
    Agent,

    /// <summary>The customer's phone number.</summary>
    Number,
}
