using ServerlessBilling.Payments;

namespace ServerlessBilling.Portal;

/// <summary>The payment methods page: what the account pays with, at which gateway, and the open invoices it may pay now.</summary>
/// <param name="Profile">The account's customer and default method at its gateway; null before a method was ever set.</param>
/// <param name="Gateway">The gateway whose hosted pages the account uses.</param>
/// <param name="Open">Final invoices with a balance due, oldest due first.</param>
public sealed record PortalWallet(PaymentProfile? Profile, string Gateway, IReadOnlyList<Receivable> Open);
