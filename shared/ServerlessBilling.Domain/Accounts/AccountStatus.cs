namespace ServerlessBilling.Accounts;

/// <summary>An account's standing as a list filters it: suspended while collections hold it (<see cref="Account.SuspendedAt"/>), active otherwise.</summary>
public enum AccountStatus
{
    Active,
    Suspended,
}
