namespace ServerlessBilling.Accounts;

/// <summary>An account and the version it was read or written at; the HTTP edge shows the version as the <c>ETag</c>.</summary>
/// <param name="Version">Opaque; equal versions mean the same stored account. Safe inside a quoted HTTP entity tag.</param>
public sealed record VersionedAccount(Account Account, string Version);
