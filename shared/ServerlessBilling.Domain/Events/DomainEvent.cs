using System.Text.Json;
using NodaTime;

namespace ServerlessBilling.Events;

/// <summary>Something that happened in billing, announced to other systems (accounting, CRM, notifications).</summary>
/// <param name="Id">Deterministic: the type and the business key it is about, so producing or publishing it twice yields
/// the same id and consumers (or Service Bus duplicate detection) drop the repeat.</param>
/// <param name="Type">Dotted name, e.g. <c>invoice.finalized</c>.</param>
/// <param name="Subject">The account it concerns.</param>
/// <param name="Data">The payload as JSON (camelCase, as every billing document).</param>
public sealed record DomainEvent(string Id, string Type, Instant OccurredAt, string Subject, JsonElement Data)
{
    public const string CycleStarted = "cycle.started";
    public const string CycleAwaitingTaxData = "cycle.awaiting_tax_data";
    public const string InvoiceFinalized = "invoice.finalized";
    public const string CreditNoteIssued = "credit_note.issued";

    public static DomainEvent Create<T>(string type, string businessKey, Instant occurredAt, string subject, T data) =>
        new($"{type}:{businessKey}", type, occurredAt, subject, JsonSerializer.SerializeToElement(data, BillingJson.Options));
}

/// <summary>Payload of <see cref="DomainEvent.CycleStarted"/>: the close of a period has begun and its usage is frozen.</summary>
public sealed record CycleStartedData(string AccountId, string PeriodStart, string InstanceId);

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
}

/// <summary>Payload of <see cref="DomainEvent.CycleAwaitingTaxData"/>: a close stopped before numbering because a tax table has
/// no rate for the invoice's date; it resumes by itself once a table covering <see cref="Tax.TaxNotice.Date"/> is stored.</summary>
public sealed record CycleAwaitingTaxDataData(string AccountId, string PeriodStart, string InstanceId, string InvoiceId, IReadOnlyList<Tax.TaxNotice> Missing);

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
    string PdfDocument);
