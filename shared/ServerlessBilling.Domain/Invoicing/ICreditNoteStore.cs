using ServerlessBilling.Paging;

namespace ServerlessBilling.Invoicing;

/// <summary>Credit notes in storage: written once (JSON and PDF), listed per invoice.</summary>
public interface ICreditNoteStore
{
    Task<CreditNote?> FindAsync(string accountId, string creditNoteId, CancellationToken cancellationToken);

    /// <summary>The invoice's credit notes, in number order.</summary>
    Task<IReadOnlyList<CreditNote>> ListAsync(string accountId, string invoiceId, CancellationToken cancellationToken);

    /// <summary>One page of the account's credit notes, in id order (so by invoice, then in the order each invoice's notes were issued).</summary>
    Task<ListPage<CreditNote>> ListPageAsync(string accountId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Records what a note credits against its invoice, atomically with every other note of the invoice, so two
    /// notes issued at once cannot together credit more than the invoice has; a note already recorded keeps its lines.</summary>
    /// <param name="plan">Given the lines of the invoice's other notes, the note's lines or why it cannot have any (then nothing is recorded).</param>
    Task<CreditPlan> ReserveAsync(string accountId, string invoiceId, string creditNoteId, Func<IReadOnlyList<CreditNoteLine>, CreditPlan> plan, CancellationToken cancellationToken);

    /// <summary>Stores the note and its PDF; a second call leaves the first in place.</summary>
    Task<CreditNoteDocuments> SaveAsync(CreditNote creditNote, ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken);
}
