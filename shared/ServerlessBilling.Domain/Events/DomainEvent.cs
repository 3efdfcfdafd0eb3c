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
