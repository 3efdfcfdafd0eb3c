namespace ServerlessBilling.Payments.Migrations;

/// <summary>What a migration import did with one line of the processor's mapping file.</summary>
public enum PaymentMigrationOutcome
{
    /// <summary>The account's profile now points at the new gateway's customer and method.</summary>
    Migrated,

    /// <summary>An earlier import moved this account already; nothing changed (importing a file twice is safe).</summary>
    AlreadyMigrated,

    /// <summary>A well-formed line this import leaves alone (no account pays through the old profile, or the profile holds another method); the reason says why.</summary>
    Skipped,

    /// <summary>A malformed line (a field missing or not the shape of the gateway's ids, or a second line for the same customer); the reason names the field and line.</summary>
    Rejected,

    /// <summary>The new gateway's API failed to make the method the customer's default; the account is left as it was, the reason carries
    /// the gateway's message (keys masked), and importing the file again retries the line.</summary>
    Failed,
}
