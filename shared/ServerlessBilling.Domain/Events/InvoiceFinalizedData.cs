using NodaTime;

namespace ServerlessBilling.Events;

/// <summary>Payload of <see cref="DomainEvent.InvoiceFinalized"/>: an invoice got its number and its documents.</summary>
public sealed record InvoiceFinalizedData(
    string InvoiceId,
    string Number,
    string AccountId,
    string PeriodStart,
    LocalDate IssueDate,
    LocalDate DueDate,
    decimal Total,
    string Currency,
    string JsonDocument,
    string PdfDocument,
    string UsageCsvDocument)
{
    /// <summary>Every tax notice of the invoice (a rate missing under the warn policy, an exemption, a cap applied).</summary>
    public IReadOnlyList<Tax.TaxNotice> TaxNotices { get; init; } = [];

    /// <summary>Where the usage XLSX is kept (blob name), beside the usage CSV it is made from.</summary>
    public string? UsageXlsxDocument { get; init; }

    /// <summary>Each file (<c>pdf</c>, <c>json</c>, <c>csv</c>, <c>xlsx</c>) with its download route and a signed link.</summary>
    public IReadOnlyList<EventDocument> Documents { get; init; } = [];

    /// <summary>The keyed route that answers fresh signed links, for a consumer that gets the event after they expired.</summary>
    public string? LinksRoute { get; init; }
}
