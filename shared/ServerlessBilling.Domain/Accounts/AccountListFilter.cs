namespace ServerlessBilling.Accounts;

/// <summary>Which accounts a list holds: all of them, the locations of one parent, those of one standing, or both.</summary>
/// <param name="ParentId">Only the accounts whose <see cref="Account.ParentAccountId"/> is this; null for every account.</param>
/// <param name="Status">Only the accounts in this standing; null for both.</param>
public sealed record AccountListFilter(string? ParentId = null, AccountStatus? Status = null)
{
    /// <summary>Every account.</summary>
    public static AccountListFilter All { get; } = new();

    /// <summary>Whether <paramref name="account"/> belongs in the list.</summary>
    public bool Matches(Account account) =>
        (ParentId is null || account.ParentAccountId == ParentId) && (Status is null || account.Status == Status);

    /// <summary>The filter as a cursor names it (<see cref="Paging.ListCursor"/>).</summary>
    public override string ToString() => $"accounts|parent={ParentId}|status={Status}";
}
