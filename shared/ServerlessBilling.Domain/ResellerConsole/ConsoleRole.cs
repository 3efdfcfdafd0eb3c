namespace ServerlessBilling.ResellerConsole;

/// <summary>What a console session may do: an admin reads and acts (replays, issues links); a reader only reads.</summary>
public enum ConsoleRole
{
    /// <summary>Signed in with an admin key (or the bootstrap key), or an Entra ID user with the console's admin role.</summary>
    Admin,

    /// <summary>Signed in with a read-only key, or an Entra ID user with the console's reader role.</summary>
    ReadOnly,
}
