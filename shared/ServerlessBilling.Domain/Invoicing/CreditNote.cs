using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace ServerlessBilling.Invoicing;

/// <summary>A correction of a final invoice: it credits part or all of what the invoice charged, under its own gapless number.</summary>
/// <remarks>The invoice itself is never edited; the credit lands on the account's next invoice as a <see cref="AdjustmentKind.CreditBalance"/>.</remarks>
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

    /// <summary>The adjustment that carries the credit to the account's next invoice.</summary>
    public PendingAdjustment ToAdjustment(Instant at) =>
        new($"credit-note:{Id}", AccountId, AdjustmentKind.CreditBalance, $"Credit note {Number} for invoice {InvoiceNumber}",
            Money.Zero(Currency) - Total, at, InvoiceId);
}

/// <summary>One credited amount (positive); <see cref="InvoiceLine"/> is the index of the invoice line it credits, null for a credit of an amount.</summary>
public sealed record CreditNoteLine(string Description, Money Amount, int? InvoiceLine = null);

/// <summary>Credit notes in storage: written once (JSON and PDF), listed per invoice.</summary>
public interface ICreditNoteStore
{
    Task<CreditNote?> FindAsync(string accountId, string creditNoteId, CancellationToken cancellationToken);

    /// <summary>The invoice's credit notes, in number order.</summary>
    Task<IReadOnlyList<CreditNote>> ListAsync(string accountId, string invoiceId, CancellationToken cancellationToken);

    /// <summary>Records what a note credits against its invoice, atomically with every other note of the invoice, so two
    /// notes issued at once cannot together credit more than the invoice has; a note already recorded keeps its lines.</summary>
    /// <param name="plan">Given the lines of the invoice's other notes, the note's lines or why it cannot have any (then nothing is recorded).</param>
    Task<CreditPlan> ReserveAsync(string accountId, string invoiceId, string creditNoteId, Func<IReadOnlyList<CreditNoteLine>, CreditPlan> plan, CancellationToken cancellationToken);

    /// <summary>Stores the note and its PDF; a second call leaves the first in place.</summary>
    Task<CreditNoteDocuments> SaveAsync(CreditNote creditNote, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken);
}

/// <summary>Where a credit note's documents are kept (blob names).</summary>
public sealed record CreditNoteDocuments(string Json, string Pdf);

/// <summary>Gapless credit note numbers, a sequence of their own: each note gets one number, once, even when retried.</summary>
public interface ICreditNoteNumbers
{
    Task<string> AssignAsync(string creditNoteId, CancellationToken cancellationToken);
}

/// <summary>Renders a credit note as a PDF.</summary>
public interface ICreditNoteRenderer
{
    byte[] RenderPdf(CreditNote creditNote);
}
