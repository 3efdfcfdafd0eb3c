using NodaTime;
using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Payments;

/// <summary>How a credit note reaches the receivable of the invoice it credits: it lowers the balance due as a payment would, and
/// what exceeds the balance (a note on a paid invoice, or larger than what is left) is carried to the next invoice exactly as an
/// overpayment is (<see cref="PaymentRecording.RecordOfflineAsync"/>).</summary>
/// <remarks>Both entries are keyed by the note's id, so applying a note twice (a retried request, a crash after the receivable was
/// written) changes nothing the second time, and the credit carried forward is the same amount each time it is read.</remarks>
public static class ReceivableCredits
{
    public static string EntryId(string creditNoteId) => $"credit-note:{creditNoteId}";

    public static string CarriedId(string creditNoteId) => $"credited:credit-note:{creditNoteId}";

    /// <summary>The receivable with the note applied once; a fully credited open invoice becomes paid.</summary>
    public static Receivable Apply(Receivable receivable, CreditNote note, Instant at)
    {
        ArgumentNullException.ThrowIfNull(receivable);
        ArgumentNullException.ThrowIfNull(note);
        var entryId = EntryId(note.Id);
        if (receivable.Has(entryId) || note.Total.Amount <= 0m)
        {
            return receivable;
        }

        var credited = receivable.With(new PaymentEntry(entryId, PaymentEntryKind.CreditNote, PaymentEntryStatus.Succeeded, note.Total, at,
            note.Number, Detail: note.Reason));
        var excess = -credited.BalanceDue;
        return InvoiceCollection.Settle(excess.Amount > 0m
            ? credited.With(new PaymentEntry(CarriedId(note.Id), PaymentEntryKind.CreditedForward, PaymentEntryStatus.Succeeded, excess, at,
                note.Number, Detail: "carried to the next invoice"))
            : credited);
    }

    /// <summary>What of the note the next invoice carries, as the receivable recorded it; zero when the invoice took it all.</summary>
    public static Money CarriedForward(Receivable receivable, CreditNote note) =>
        receivable.Entries.FirstOrDefault(e => e.Id == CarriedId(note.Id))?.Amount ?? Money.Zero(note.Currency);
}
