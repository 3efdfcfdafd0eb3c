namespace ServerlessBilling.Rating;

/// <summary>What rating made of one component of one delivered call: exactly one of these, which the counters and each CDR file's
/// manifest add up.</summary>
public enum EventOutcome
{
    /// <summary>Billed: this delivery claimed the event's identity and its usage row is written.</summary>
    Recorded,

    /// <summary>The same billing facts as the delivery that claimed the identity: not billed again.</summary>
    Duplicate,

    /// <summary>The identity is billed with different billing facts: held in quarantine beside the billed version.</summary>
    Conflict,

    /// <summary>Outside a plausibility limit: held in quarantine until a person accepts it.</summary>
    Held,

    /// <summary>A split-off component the plan does not price at all: the plan bills the call by its main component.</summary>
    NotCharged,

    /// <summary>No account holds the number or agent: held in quarantine until one does.</summary>
    Unattributed,

    /// <summary>The account's plan cannot price it: held in quarantine until the plan is fixed.</summary>
    Unpriced,
}
