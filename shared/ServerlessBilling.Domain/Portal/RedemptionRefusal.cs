namespace ServerlessBilling.Portal;

/// <summary>Why a portal link did not open a session; each is shown to the customer as a page of its own.</summary>
public enum RedemptionRefusal
{
    /// <summary>The signature does not verify, or the token is not a link at all.</summary>
    Invalid,

    /// <summary>The link is genuine but its lifetime has passed.</summary>
    Expired,

    /// <summary>The reseller revoked the account's links after this one was issued.</summary>
    Revoked,

    /// <summary>Too many attempts from this client in the last minute.</summary>
    TooManyAttempts,
}
