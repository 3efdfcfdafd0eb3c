using NodaTime;

namespace ServerlessBilling.Events;

/// <summary>Payload of <see cref="DomainEvent.CreditNoteIssued"/>: a final invoice was corrected by a credit note; <paramref name="Total"/> is the (positive) credit.</summary>
public sealed record CreditNoteIssuedData(
    string CreditNoteId,
    string Number,
    string AccountId,
    string InvoiceId,
    string InvoiceNumber,
    LocalDate IssueDate,
    decimal Total,
    string Currency,
    string Reason,
    string JsonDocument,
    string PdfDocument)
{
    /// <summary>Each file (<c>pdf</c>, <c>json</c>) with its download route and a signed link.</summary>
    public IReadOnlyList<EventDocument> Documents { get; init; } = [];

    /// <summary>The keyed route that answers fresh signed links, for a consumer that gets the event after they expired.</summary>
    public string? LinksRoute { get; init; }
}
