namespace ServerlessBilling.Invoicing;

/// <summary>Gapless credit note numbers, a sequence of their own: each note gets one number, once, even when retried.</summary>
public interface ICreditNoteNumbers
{
    Task<string> AssignAsync(string creditNoteId, CancellationToken cancellationToken);
}
