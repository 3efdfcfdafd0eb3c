namespace ServerlessBilling.Accounts;

/// <summary>A page of accounts and where the next one starts (null after the last page).</summary>
public sealed record AccountPage(IReadOnlyList<Account> Accounts, string? ContinuationToken);
