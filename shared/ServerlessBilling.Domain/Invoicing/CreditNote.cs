using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace ServerlessBilling.Invoicing;

/// <summary>A correction of a final invoice: it credits part or all of what the invoice charged, under its own gapless number.</summary>
/// <remarks>The invoice itself is never edited; the credit lowers its balance due, and what exceeds that balance lands on the account's
/// next invoice as a <see cref="AdjustmentKind.CreditBalance"/> (<see cref="Payments.ReceivableCredits"/>).</remarks>
/// <param name="IdempotencyKey">The client's key for the request; the same key on the same invoice yields the same credit note.</param>
public sealed record CreditNote(
    string Id,
    string Number,
    string AccountId,
    string AccountName,
    string InvoiceId,
    string InvoiceNumber,
    string Currency,
    string Reason,
    IReadOnlyList<CreditNoteLine> Lines,
    LocalDate IssueDate,
    string IdempotencyKey)
{
    /// <summary>What the note credits (positive), the sum of its lines.</summary>
    public Money Total => Lines.Aggregate(Money.Zero(Currency), (sum, line) => sum + line.Amount);

    /// <summary>Deterministic from the invoice and the client's key, so a repeated request finds the note it made.</summary>
    public static string IdFor(string invoiceId, string idempotencyKey) =>
        $"{invoiceId}-cn-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..16]}";

    /// <summary>The adjustment that carries <paramref name="carried"/> (what the credited invoice's balance did not take, positive)
    /// to the account's next invoice.</summary>
    public PendingAdjustment ToAdjustment(Instant at, Money carried) =>
        new($"credit-note:{Id}", AccountId, AdjustmentKind.CreditBalance, $"Credit note {Number} for invoice {InvoiceNumber}",
            Money.Zero(Currency) - carried, at, InvoiceId);
}
