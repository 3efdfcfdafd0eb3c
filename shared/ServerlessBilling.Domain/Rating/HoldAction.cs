namespace ServerlessBilling.Rating;

/// <summary>What a person decides about one held record.</summary>
public enum HoldAction
{
    /// <summary>Drop the held record: for a conflict, the billed version stays as it is; for a call held for a limit, it is never billed.</summary>
    Discard,

    /// <summary>For a call held for a plausibility limit: bill it despite the limit.</summary>
    Accept,

    /// <summary>For a conflict: void the billed version and bill the held one in its place.</summary>
    Replace,
}
