namespace ServerlessBilling.Accounts;

/// <summary>An account profile as stored by <see cref="AccountChanges.PutAsync"/>, with what the write changed, for the audit trail.</summary>
/// <param name="Version">The stored version, the <c>ETag</c> a later write names in <c>If-Match</c>.</param>
/// <param name="Created">True when no account had this id before the write.</param>
/// <param name="ChangedFields">The profile's fields, by their JSON names, that the write set (a new account) or changed; empty when the
/// write stored the profile as it was.</param>
public sealed record AccountSave(Account Account, string Version, bool Created, IReadOnlyList<string> ChangedFields);
